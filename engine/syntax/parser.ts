// The grammar of a scheme's declarations, pure: no actions (expressions: parser-expr.ts). `to-ast.ts`
// turns the concrete tree into the AST.
// Rules are class fields, so a wrong rule name is a TypeScript error. Error recovery is on: the parser
// always returns a (partial) tree with every syntax error, which the editor needs.
import { CstParser, type IRecognitionException, type IToken, type TokenType } from 'chevrotain';
import { MAX_SYNTAX_ERRORS } from './limits.ts';
import { ExprParser } from './parser-expr.ts';
import * as T from './tokens.ts';

const K = T.KW;

// chevrotain records every syntax error through SAVE_ERROR, and computes recovery through
// getFollowsForInRuleRecovery (neither in its typings)
const base = CstParser.prototype as unknown as {
  SAVE_ERROR(e: IRecognitionException): IRecognitionException;
  getFollowsForInRuleRecovery(tokType: TokenType, tokIdxInRule: number): TokenType[];
};

/** Rules open (about ten per level of nesting) past which a missing token is not inserted in recovery. */
const INSERTION_DEPTH = 120;

export class SchedaParser extends ExprParser {
  /** The token where reading stopped after MAX_SYNTAX_ERRORS errors, if it did. */
  stoppedAt: IToken | undefined;

  constructor() {
    super({ recoveryEnabled: true, maxLookahead: 3, nodeLocationTracking: 'full' });
    this.performSelfAnalysis();
  }

  override reset(): void {
    super.reset();
    this.stoppedAt = undefined;
    this.nesting = 0;
  }

  /** The token the parser is at. */
  current(): IToken {
    return this.LA(1);
  }

  // chevrotain tries to mend an error by inserting the missing token, and to know which ones could follow it
  // walks the grammar along the whole stack of open rules: recursively, so that an error 60 brackets deep
  // needed four times the stack the brackets did. Deep down the parser mends by deleting or skipping tokens.
  protected getFollowsForInRuleRecovery(tokType: TokenType, tokIdxInRule: number): TokenType[] {
    if ((this as unknown as { RULE_STACK_IDX: number }).RULE_STACK_IDX > INSERTION_DEPTH) return [];
    return base.getFollowsForInRuleRecovery.call(this, tokType, tokIdxInRule);
  }

  // After MAX_SYNTAX_ERRORS errors the parser jumps to the end of its input: recovery on garbage costs time
  // with every error, and nobody reads the thousandth error of a file. Errors met on the way out are dropped.
  protected SAVE_ERROR(error: IRecognitionException): IRecognitionException {
    if (this.stoppedAt) return error;
    base.SAVE_ERROR.call(this, error);
    if ((this as unknown as { _errors: unknown[] })._errors.length >= MAX_SYNTAX_ERRORS) {
      this.stoppedAt = error.token;
      (this as unknown as { moveToTerminatedState(): void }).moveToTerminatedState();
    }
    return error;
  }

  file = this.RULE('file', () => {
    this.SUBRULE(this.header);
    this.MANY(() => this.SUBRULE(this.decl));
  });

  header = this.RULE('header', () => {
    this.CONSUME(K.Scheda);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.OPTION(() => this.CONSUME(T.StringLit, { LABEL: 'title' }));
    this.CONSUME(K.Anno);
    this.CONSUME(T.NumberLit, { LABEL: 'year' });
    this.OPTION2(() => {
      this.CONSUME(K.Lingua);
      this.CONSUME2(T.Identifier, { LABEL: 'lang' });
    });
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.entityDecl) },
        { ALT: () => this.SUBRULE(this.meta) },
      ]),
    );
  });

  entityDecl = this.RULE('entityDecl', () => {
    this.CONSUME(K.Ente);
    this.CONSUME(T.StringLit);
  });

  meta = this.RULE('meta', () => {
    this.OR([
      {
        ALT: () => {
          this.OR2([
            { ALT: () => this.CONSUME(K.Fonte, { LABEL: 'source' }) },
            { ALT: () => this.CONSUME(K.Nota, { LABEL: 'note' }) },
          ]);
          this.CONSUME(T.StringLit);
        },
      },
      // `variante nome "etichetta": expr`: the declaration's expression in another reading
      {
        ALT: () => {
          this.CONSUME(K.Variante, { LABEL: 'variant' });
          this.CONSUME(T.Identifier, { LABEL: 'variantName' });
          this.OPTION(() => this.CONSUME2(T.StringLit, { LABEL: 'variantLabel' }));
          this.CONSUME(T.Colon);
          this.SUBRULE(this.expr, { LABEL: 'variantExpr' });
        },
      },
    ]);
  });

  decl = this.RULE('decl', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.unitDecl) },
      { ALT: () => this.SUBRULE(this.usesDecl) },
      { ALT: () => this.SUBRULE(this.inputsDecl) },
      { ALT: () => this.SUBRULE(this.tableDecl) },
      { ALT: () => this.SUBRULE(this.setDecl) },
      { ALT: () => this.SUBRULE(this.valueDecl) },
      { ALT: () => this.SUBRULE(this.functionDecl) },
      { ALT: () => this.SUBRULE(this.totalDecl) },
      { ALT: () => this.SUBRULE(this.sectionDecl) },
      { ALT: () => this.SUBRULE(this.itemDecl) },
      { ALT: () => this.SUBRULE(this.gateDecl) },
      { ALT: () => this.SUBRULE(this.penaltyDecl) },
      { ALT: () => this.SUBRULE(this.reductionDecl) },
      { ALT: () => this.SUBRULE(this.bandsDecl) },
      { ALT: () => this.SUBRULE(this.constraintDecl) },
      { ALT: () => this.SUBRULE(this.fundDecl) },
      { ALT: () => this.SUBRULE(this.tiesDecl) },
      { ALT: () => this.SUBRULE(this.reportDecl) },
      { ALT: () => this.SUBRULE(this.exampleDecl) },
    ]);
    this.MANY(() => this.SUBRULE(this.meta));
  });

  unitDecl = this.RULE('unitDecl', () => {
    this.CONSUME(K.Unita);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLit));
  });

  usesDecl = this.RULE('usesDecl', () => {
    this.CONSUME(K.Usa);
    this.CONSUME(T.Identifier);
  });

  level = this.RULE('level', () => {
    this.OR([
      { ALT: () => this.CONSUME(K.Ente) },
      { ALT: () => this.CONSUME(K.Persona) },
      // «ente» and «persona» are names elsewhere; here the keyword comes first
      { ALT: () => this.CONSUME(T.Identifier), IGNORE_AMBIGUITIES: true },
    ]);
  });

  inputsDecl = this.RULE('inputsDecl', () => {
    this.CONSUME(K.Dati);
    this.SUBRULE(this.level);
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.field));
    this.CONSUME(T.RBrace);
  });

  tableDecl = this.RULE('tableDecl', () => {
    this.CONSUME(K.Tabella);
    this.CONSUME(T.Identifier);
    this.CONSUME(K.Per);
    this.SUBRULE(this.level);
    this.OPTION(() => this.CONSUME(T.StringLit));
    this.CONSUME(T.LBrace);
    this.MANY(() => this.OR([{ ALT: () => this.SUBRULE(this.field) }, { ALT: () => this.SUBRULE(this.computedColumn) }]));
    this.CONSUME(T.RBrace);
  });

  // a column computed on each row of a table: `calcola giorno_pieno = ore >= 6`
  computedColumn = this.RULE('computedColumn', () => {
    this.CONSUME(K.Calcola);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLit));
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expr);
    this.MANY(() => this.SUBRULE(this.meta));
  });

  // a named set of values: `insieme dirigenziali = [D1; D2; D3]`
  setDecl = this.RULE('setDecl', () => {
    this.CONSUME(K.Insieme);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLit));
    this.CONSUME(T.Equals);
    this.SUBRULE(this.listExpr);
  });

  field = this.RULE('field', () => {
    this.CONSUME(T.Identifier);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.type);
    // «chiave», «facoltativo», «solo», «fonte», «nota» may also be the name of the next field («chiave: testo»)
    this.OPTION({ GATE: this.notAName, DEF: () => this.CONSUME(K.Chiave) });
    this.OPTION3({
      GATE: this.notAName,
      DEF: () => {
        this.CONSUME(K.Facoltativo);
        this.CONSUME(K.Predefinito);
        this.SUBRULE(this.expr, { LABEL: 'default' });
      },
    });
    this.OPTION4({
      GATE: this.notAName,
      DEF: () => {
        this.CONSUME(K.Solo);
        this.CONSUME(K.Se);
        this.SUBRULE2(this.expr, { LABEL: 'onlyIf' });
      },
    });
    this.OPTION2(() => this.CONSUME(T.StringLit));
    this.MANY({ GATE: this.metaAhead, DEF: () => this.SUBRULE(this.meta) });
  });

  type = this.RULE('type', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.numType) },
      { ALT: () => this.CONSUME(K.TSiNo) },
      { ALT: () => this.CONSUME(K.TTesto) },
      { ALT: () => this.CONSUME(K.TData) },
      {
        ALT: () => {
          this.CONSUME(K.UnoTra);
          this.CONSUME(T.LParen);
          this.CONSUME(T.Identifier);
          this.MANY(() => {
            this.CONSUME(T.Sep);
            this.CONSUME2(T.Identifier);
          });
          this.CONSUME(T.RParen);
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.Lista);
          this.CONSUME(K.Di);
          this.SUBRULE(this.type);
        },
      },
      // a type word (a name elsewhere: «giorni: giorni») is the type here; any other name is the unit's
      { ALT: () => this.CONSUME3(T.Identifier, { LABEL: 'unitRef' }), IGNORE_AMBIGUITIES: true },
    ]);
  });

  numType = this.RULE('numType', () => {
    this.OPTION3(() => this.CONSUME(K.TInteri)); // `whole days`
    this.OR([
      { ALT: () => this.CONSUME(K.TPunti) },
      { ALT: () => this.CONSUME(K.TEuro) },
      { ALT: () => this.CONSUME(K.TPercentuale) },
      { ALT: () => this.CONSUME(K.TGiorni) },
      { ALT: () => this.CONSUME(K.TMesi) },
      { ALT: () => this.CONSUME(K.TOre) },
      { ALT: () => this.CONSUME(K.TNumero) },
      { ALT: () => this.CONSUME(K.TIntero) },
    ]);
    this.OPTION4({ GATE: this.notAName, DEF: () => this.CONSUME2(K.TInteri) }); // `giorni interi` (not a next field `interi: …`)
    this.OPTION(() => {
      this.CONSUME(K.Da);
      this.SUBRULE(this.signed, { LABEL: 'min' });
      this.CONSUME(K.A);
      this.SUBRULE2(this.signed, { LABEL: 'max' });
    });
  });

  valueDecl = this.RULE('valueDecl', () => {
    this.CONSUME(K.Calcola);
    this.CONSUME(T.Identifier);
    // a declared type: `calcola area: uno_tra(operatori; istruttori) = …` (a computed category)
    this.OPTION3(() => {
      this.CONSUME(T.Colon);
      this.SUBRULE(this.type);
    });
    this.OPTION(() => {
      this.CONSUME(K.Per);
      this.SUBRULE(this.level);
    });
    this.OPTION2(() => this.CONSUME(T.StringLit));
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expr);
  });

  // a pure function: `funzione pro_rata(importo: euro; mesi: mesi) = importo * mesi / 12 mesi`
  functionDecl = this.RULE('functionDecl', () => {
    this.CONSUME(K.Funzione);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.CONSUME(T.LParen);
    this.OPTION(() => {
      this.SUBRULE(this.param);
      this.MANY(() => {
        this.CONSUME(T.Sep);
        this.SUBRULE2(this.param);
      });
    });
    this.CONSUME(T.RParen);
    this.OPTION2(() => {
      this.CONSUME(T.Colon);
      this.SUBRULE(this.type, { LABEL: 'result' });
    });
    this.OPTION3(() => this.CONSUME(T.StringLit));
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expr);
  });

  param = this.RULE('param', () => {
    this.CONSUME(T.Identifier);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.type);
  });

  totalDecl = this.RULE('totalDecl', () => {
    this.CONSUME(K.Totale);
    this.CONSUME(K.Max);
    this.SUBRULE(this.signed, { LABEL: 'max' });
    this.OPTION(() => {
      this.CONSUME(K.Minimo);
      this.SUBRULE2(this.signed, { LABEL: 'min' });
    });
    // the total rounded before anything reads it: `arrotondando [per] [eccesso|difetto|vicino] a 0 decimali`
    this.OPTION2(() => {
      this.CONSUME(K.Arrotondando);
      this.OPTION3(() => {
        this.OPTION4(() => this.CONSUME(K.Per));
        this.OR([
          { ALT: () => this.CONSUME(K.Eccesso) },
          { ALT: () => this.CONSUME(K.Difetto) },
          { ALT: () => this.CONSUME(K.Vicino) },
        ]);
      });
      this.CONSUME(K.A);
      this.SUBRULE3(this.quantity, { LABEL: 'places' });
      this.CONSUME(T.Identifier, { LABEL: 'decimals' }); // decimali / decimals
    });
  });

  // `max 30 punti`, or a maximum that depends on the person: `max (se categoria = D allora 40 punti altrimenti 30 punti)`
  maxSpec = this.RULE('maxSpec', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.signed, { LABEL: 'max' }) },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.SUBRULE(this.expr, { LABEL: 'maxBy' });
          this.CONSUME(T.RParen);
        },
      },
    ]);
  });

  sectionDecl = this.RULE('sectionDecl', () => {
    this.CONSUME(K.Sezione);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLit));
    this.CONSUME(K.Max);
    this.SUBRULE(this.maxSpec);
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.SUBRULE(this.itemDecl);
      this.MANY2(() => this.SUBRULE(this.meta));
    });
    this.CONSUME(T.RBrace);
  });

  itemDecl = this.RULE('itemDecl', () => {
    this.CONSUME(K.Voce);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLit));
    this.CONSUME(K.Max);
    this.SUBRULE(this.maxSpec);
    this.OPTION2(() => {
      this.CONSUME(K.Peso);
      this.SUBRULE2(this.quantity, { LABEL: 'weight' });
    });
    this.OPTION3(() => this.CONSUME(K.Limitata));
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expr);
  });

  gateDecl = this.RULE('gateDecl', () => {
    this.CONSUME(K.Requisito);
    this.OPTION3(() => this.CONSUME(K.Ente, { LABEL: 'entityGate' })); // requisito ente: one condition for the whole scheme
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLit));
    this.CONSUME(T.Colon);
    this.SUBRULE(this.expr, { LABEL: 'cond' });
    this.OPTION2(() => {
      this.CONSUME(K.Salvo);
      this.SUBRULE2(this.expr, { LABEL: 'waiver' });
    });
  });

  penaltyDecl = this.RULE('penaltyDecl', () => {
    this.CONSUME(K.Penalita);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLit));
    this.OPTION2(() => {
      this.CONSUME(K.Max);
      this.SUBRULE(this.quantity);
    });
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expr);
  });

  reductionDecl = this.RULE('reductionDecl', () => {
    this.CONSUME(K.Riduzione);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLit));
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expr);
  });

  bandsDecl = this.RULE('bandsDecl', () => {
    this.CONSUME(K.Fasce);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLit));
    this.CONSUME(K.Su);
    this.SUBRULE(this.expr);
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.bandRow));
    this.CONSUME(T.RBrace);
  });

  bandRow = this.RULE('bandRow', () => {
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLit));
    this.SUBRULE(this.interval);
    this.CONSUME(T.Arrow);
    this.rowValue('band', () => this.SUBRULE(this.expr));
    this.OPTION2(() => this.CONSUME(T.Semi));
    this.MANY({ GATE: this.metaAhead, DEF: () => this.SUBRULE(this.meta) });
  });

  // vincolo [per persona|per <unità>|per <tabella>] [avviso] ["etichetta"]: condizione
  constraintDecl = this.RULE('constraintDecl', () => {
    this.CONSUME(K.Vincolo);
    this.OPTION2(() => {
      this.CONSUME(K.Per);
      this.OR([
        { ALT: () => this.CONSUME(K.Persona, { LABEL: 'perPerson' }) },
        { ALT: () => this.CONSUME(T.Identifier, { LABEL: 'per' }), IGNORE_AMBIGUITIES: true }, // «persona» is a name elsewhere
      ]);
    });
    this.OPTION3(() => this.CONSUME2(T.Identifier, { LABEL: 'severity' })); // avviso / warning
    this.OPTION(() => this.CONSUME(T.StringLit));
    this.CONSUME(T.Colon);
    this.SUBRULE(this.expr);
  });

  fundDecl = this.RULE('fundDecl', () => {
    this.CONSUME(K.Fondo);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLit));
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expr, { LABEL: 'amount' });
    this.OPTION2(() => this.CONSUME2(T.Identifier, { LABEL: 'fundKind' })); // stanziati / allocated: not a pot
    this.CONSUME(T.LBrace);
    this.CONSUME(K.Pagato);
    this.OPTION3(() => {
      this.CONSUME3(T.Identifier, { LABEL: 'paidName' }); // a named tier: `pagato primo "Primo livello": …`
      this.OPTION4(() => this.CONSUME2(T.StringLit, { LABEL: 'paidLabel' }));
    });
    this.CONSUME(T.Colon);
    this.SUBRULE2(this.expr, { LABEL: 'paid' });
    this.MANY2(() => this.SUBRULE(this.paidTier));
    this.MANY(() => this.SUBRULE(this.remainder));
    this.CONSUME(T.RBrace);
  });

  // a further payment tier of a fund: `pagato secondo "Secondo livello": expr`
  paidTier = this.RULE('paidTier', () => {
    this.CONSUME(K.Pagato);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLit));
    this.CONSUME(T.Colon);
    this.SUBRULE(this.expr);
    this.MANY(() => this.SUBRULE(this.meta));
  });

  remainder = this.RULE('remainder', () => {
    this.CONSUME(K.Resto);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLit));
    this.CONSUME(T.Colon);
    this.SUBRULE(this.expr);
    this.MANY(() => this.SUBRULE(this.meta));
  });

  tiesDecl = this.RULE('tiesDecl', () => {
    this.CONSUME(K.Parita);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.orderKey);
    this.MANY(() => {
      this.CONSUME(T.Sep);
      this.SUBRULE2(this.orderKey);
    });
  });

  orderKey = this.RULE('orderKey', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Identifier) }, { ALT: () => this.CONSUME(K.Totale) }]);
    this.OPTION(() =>
      this.OR2([{ ALT: () => this.CONSUME(K.Crescente) }, { ALT: () => this.CONSUME(K.Decrescente) }]),
    );
  });

  reportDecl = this.RULE('reportDecl', () => {
    this.CONSUME(K.Prospetto);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLit));
    this.OPTION2(() => {
      this.CONSUME(K.Per);
      this.CONSUME2(T.Identifier, { LABEL: 'per' });
      // a two-way table: `per settore e fascia` (rows by one category, columns by the other)
      this.OPTION3(() => {
        this.CONSUME(K.E);
        this.CONSUME3(T.Identifier, { LABEL: 'across' });
      });
    });
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.reportRow));
    this.CONSUME(T.RBrace);
  });

  reportRow = this.RULE('reportRow', () => {
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLit));
    this.CONSUME(T.Equals);
    this.rowValue('report', () => this.SUBRULE(this.expr));
    this.MANY({ GATE: this.metaAhead, DEF: () => this.SUBRULE(this.meta) });
  });

  exampleDecl = this.RULE('exampleDecl', () => {
    this.CONSUME(K.Esempio);
    this.CONSUME(T.StringLit);
    // `variante nome`: under that reading only; `ogni variante`: under the main reading and every variant
    this.OPTION(() =>
      this.OR2([
        {
          ALT: () => {
            this.CONSUME(K.Variante, { LABEL: 'exVariant' });
            this.CONSUME(T.Identifier, { LABEL: 'exVariantName' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(K.Ogni, { LABEL: 'everyVariant' });
            this.CONSUME2(K.Variante);
          },
        },
      ]),
    );
    this.CONSUME(T.LBrace);
    this.MANY(() =>
      this.OR([
        { GATE: () => !(this.LA(1).tokenType === K.Atteso && this.LA(2).tokenType === K.Per), ALT: () => this.SUBRULE(this.assign) },
        { ALT: () => this.SUBRULE(this.exampleTable) },
      ]),
    );
    this.CONSUME(T.RBrace);
  });

  // a table of a population example: `persone { matricola | settore ; A1 | S1 }`, `atteso per persona { … }`
  exampleTable = this.RULE('exampleTable', () => {
    this.OR([
      { ALT: () => this.CONSUME(K.Persone, { LABEL: 'persons' }) },
      { ALT: () => this.CONSUME(K.Unita, { LABEL: 'units' }) },
      {
        ALT: () => {
          this.CONSUME(K.Tabella, { LABEL: 'table' });
          this.CONSUME(T.Identifier, { LABEL: 'tableName' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.Atteso, { LABEL: 'expect' });
          this.CONSUME(K.Per);
          this.CONSUME2(T.Identifier, { LABEL: 'perWhat' }); // `persona` (a keyword, also a name) or the unit
        },
      },
    ]);
    this.CONSUME(T.LBrace);
    this.SUBRULE(this.path, { LABEL: 'column' });
    this.MANY(() => {
      this.CONSUME(T.Pipe);
      this.SUBRULE2(this.path, { LABEL: 'column' });
    });
    this.OPTION(() => this.CONSUME(T.Sep));
    this.MANY2(() => this.SUBRULE(this.exampleRow));
    this.CONSUME(T.RBrace);
  });

  // a row ends where no `|` follows (or at an optional `;`): one cell per column
  exampleRow = this.RULE('exampleRow', () => {
    this.SUBRULE(this.expr, { LABEL: 'cell' });
    this.MANY(() => {
      this.CONSUME(T.Pipe);
      this.SUBRULE2(this.expr, { LABEL: 'cell' });
    });
    this.OPTION(() => this.CONSUME(T.Sep));
  });

  assign = this.RULE('assign', () => {
    this.OR([
      { ALT: () => this.CONSUME(K.Dato, { LABEL: 'given' }) },
      { ALT: () => this.CONSUME(K.Atteso, { LABEL: 'expected' }) },
    ]);
    this.SUBRULE(this.path);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expr);
    this.MANY(() => this.SUBRULE(this.meta));
  });

  path = this.RULE('path', () => {
    this.OR([
      { ALT: () => this.CONSUME(K.Totale) },
      { ALT: () => this.CONSUME(K.Ammesso) },
      {
        ALT: () => {
          this.CONSUME(T.Identifier);
          this.MANY(() => {
            this.CONSUME(T.Dot);
            this.OR2([
              { ALT: () => this.CONSUME2(T.Identifier, { LABEL: 'member' }) },
              { ALT: () => this.CONSUME2(K.Totale, { LABEL: 'member' }) },
              { ALT: () => this.CONSUME2(K.Ammesso, { LABEL: 'member' }) },
            ]);
          });
        },
      },
    ]);
  });
}

export const parser = new SchedaParser();
