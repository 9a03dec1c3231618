// The grammar, pure: no actions. `to-ast.ts` turns its concrete tree into the AST.
// Rules are class fields, so a wrong rule name is a TypeScript error. Error recovery is on: the parser
// always returns a (partial) tree with every syntax error, which the editor needs.
import { CstParser } from 'chevrotain';
import * as T from './tokens.ts';

const K = T.KW;

export class SchedaParser extends CstParser {
  constructor() {
    super(T.allTokens, { recoveryEnabled: true, maxLookahead: 3, nodeLocationTracking: 'full' });
    this.performSelfAnalysis();
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
      { ALT: () => this.CONSUME(K.Fonte, { LABEL: 'source' }) },
      { ALT: () => this.CONSUME(K.Nota, { LABEL: 'note' }) },
    ]);
    this.CONSUME(T.StringLit);
  });

  decl = this.RULE('decl', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.unitDecl) },
      { ALT: () => this.SUBRULE(this.usesDecl) },
      { ALT: () => this.SUBRULE(this.inputsDecl) },
      { ALT: () => this.SUBRULE(this.tableDecl) },
      { ALT: () => this.SUBRULE(this.valueDecl) },
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
      { ALT: () => this.CONSUME(T.Identifier) },
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
    this.MANY(() => this.SUBRULE(this.field));
    this.CONSUME(T.RBrace);
  });

  field = this.RULE('field', () => {
    this.CONSUME(T.Identifier);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.type);
    this.OPTION(() => this.CONSUME(K.Chiave));
    this.OPTION2(() => this.CONSUME(T.StringLit));
    this.MANY(() => this.SUBRULE(this.meta));
  });

  type = this.RULE('type', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.numType) },
      { ALT: () => this.CONSUME(K.TSiNo) },
      { ALT: () => this.CONSUME(K.TTesto) },
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
      { ALT: () => this.CONSUME3(T.Identifier, { LABEL: 'unitRef' }) },
    ]);
  });

  numType = this.RULE('numType', () => {
    this.OR([
      { ALT: () => this.CONSUME(K.TPunti) },
      { ALT: () => this.CONSUME(K.TEuro) },
      { ALT: () => this.CONSUME(K.TPercentuale) },
      { ALT: () => this.CONSUME(K.TGiorni) },
      { ALT: () => this.CONSUME(K.TMesi) },
      { ALT: () => this.CONSUME(K.TNumero) },
      { ALT: () => this.CONSUME(K.TIntero) },
    ]);
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
    this.OPTION(() => {
      this.CONSUME(K.Per);
      this.SUBRULE(this.level);
    });
    this.OPTION2(() => this.CONSUME(T.StringLit));
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expr);
  });

  totalDecl = this.RULE('totalDecl', () => {
    this.CONSUME(K.Totale);
    this.CONSUME(K.Max);
    this.SUBRULE(this.signed, { LABEL: 'max' });
    this.OPTION(() => {
      this.CONSUME(K.Minimo);
      this.SUBRULE2(this.signed, { LABEL: 'min' });
    });
  });

  sectionDecl = this.RULE('sectionDecl', () => {
    this.CONSUME(K.Sezione);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLit));
    this.CONSUME(K.Max);
    this.SUBRULE(this.quantity);
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
    this.SUBRULE(this.signed, { LABEL: 'max' });
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
    this.SUBRULE(this.expr);
    this.OPTION2(() => this.CONSUME(T.Semi));
    this.MANY(() => this.SUBRULE(this.meta));
  });

  constraintDecl = this.RULE('constraintDecl', () => {
    this.CONSUME(K.Vincolo);
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
    this.CONSUME(T.LBrace);
    this.CONSUME(K.Pagato);
    this.CONSUME(T.Colon);
    this.SUBRULE2(this.expr, { LABEL: 'paid' });
    this.MANY(() => this.SUBRULE(this.remainder));
    this.CONSUME(T.RBrace);
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
    });
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.reportRow));
    this.CONSUME(T.RBrace);
  });

  reportRow = this.RULE('reportRow', () => {
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLit));
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expr);
    this.MANY(() => this.SUBRULE(this.meta));
  });

  exampleDecl = this.RULE('exampleDecl', () => {
    this.CONSUME(K.Esempio);
    this.CONSUME(T.StringLit);
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.assign));
    this.CONSUME(T.RBrace);
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

  // ---- expressions ----

  expr = this.RULE('expr', () => {
    this.OR([{ ALT: () => this.SUBRULE(this.ifExpr) }, { ALT: () => this.SUBRULE(this.orExpr) }]);
  });

  ifExpr = this.RULE('ifExpr', () => {
    this.CONSUME(K.Se);
    this.SUBRULE(this.expr, { LABEL: 'cond' });
    this.CONSUME(K.Allora);
    this.SUBRULE2(this.expr, { LABEL: 'then' });
    this.CONSUME(K.Altrimenti);
    this.SUBRULE3(this.expr, { LABEL: 'else' });
  });

  orExpr = this.RULE('orExpr', () => {
    this.SUBRULE(this.andExpr);
    this.MANY(() => {
      this.CONSUME(K.O);
      this.SUBRULE2(this.andExpr);
    });
  });

  andExpr = this.RULE('andExpr', () => {
    this.SUBRULE(this.notExpr);
    this.MANY(() => {
      this.CONSUME(K.E);
      this.SUBRULE2(this.notExpr);
    });
  });

  notExpr = this.RULE('notExpr', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(K.Non);
          this.SUBRULE(this.notExpr);
        },
      },
      { ALT: () => this.SUBRULE(this.cmpExpr) },
    ]);
  });

  cmpExpr = this.RULE('cmpExpr', () => {
    this.SUBRULE(this.addExpr);
    this.OPTION(() =>
      this.OR([
        {
          ALT: () => {
            this.OR2([
              { ALT: () => this.CONSUME(T.Equals, { LABEL: 'op' }) },
              { ALT: () => this.CONSUME(T.NotEq, { LABEL: 'op' }) },
              { ALT: () => this.CONSUME(T.Less, { LABEL: 'op' }) },
              { ALT: () => this.CONSUME(T.LessEq, { LABEL: 'op' }) },
              { ALT: () => this.CONSUME(T.Greater, { LABEL: 'op' }) },
              { ALT: () => this.CONSUME(T.GreaterEq, { LABEL: 'op' }) },
            ]);
            this.SUBRULE2(this.addExpr);
          },
        },
        {
          ALT: () => {
            this.OPTION2(() => this.CONSUME(K.Non, { LABEL: 'negated' }));
            this.CONSUME(K.In);
            this.CONSUME(T.LParen);
            this.SUBRULE(this.expr);
            this.MANY(() => {
              this.CONSUME(T.Sep);
              this.SUBRULE2(this.expr);
            });
            this.CONSUME(T.RParen);
          },
        },
      ]),
    );
  });

  addExpr = this.RULE('addExpr', () => {
    this.SUBRULE(this.mulExpr);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Plus, { LABEL: 'op' }) }, { ALT: () => this.CONSUME(T.Minus, { LABEL: 'op' }) }]);
      this.SUBRULE2(this.mulExpr);
    });
  });

  mulExpr = this.RULE('mulExpr', () => {
    this.SUBRULE(this.unary);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Times, { LABEL: 'op' }) }, { ALT: () => this.CONSUME(T.Divide, { LABEL: 'op' }) }]);
      this.SUBRULE2(this.unary);
    });
  });

  unary = this.RULE('unary', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Minus);
          this.SUBRULE(this.unary);
        },
      },
      { ALT: () => this.SUBRULE(this.primary) },
    ]);
  });

  primary = this.RULE('primary', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.quantity) },
      { ALT: () => this.CONSUME(T.StringLit) },
      { ALT: () => this.CONSUME(K.Vero) },
      { ALT: () => this.CONSUME(K.Falso) },
      { ALT: () => this.CONSUME(K.Totale) },
      { ALT: () => this.CONSUME(K.Ammesso) },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.SUBRULE(this.expr);
          this.CONSUME(T.RParen);
        },
      },
      { ALT: () => this.SUBRULE(this.listExpr) },
      { ALT: () => this.SUBRULE(this.scaleExpr) },
      { ALT: () => this.SUBRULE(this.bestExpr) },
      { ALT: () => this.SUBRULE(this.refOrCall) },
    ]);
  });

  listExpr = this.RULE('listExpr', () => {
    this.CONSUME(T.LBracket);
    this.OPTION(() => {
      this.SUBRULE(this.expr);
      this.MANY(() => {
        this.CONSUME(T.Sep);
        this.SUBRULE2(this.expr);
      });
    });
    this.CONSUME(T.RBracket);
  });

  refOrCall = this.RULE('refOrCall', () => {
    this.CONSUME(T.Identifier);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.OPTION(() => {
            this.SUBRULE(this.expr, { LABEL: 'arg' });
            this.MANY(() => {
              this.CONSUME(T.Sep);
              this.SUBRULE2(this.expr, { LABEL: 'arg' });
            });
            this.OPTION2(() => {
              this.CONSUME(K.Dove);
              this.SUBRULE3(this.expr, { LABEL: 'where' });
            });
          });
          this.CONSUME(T.RParen);
        },
      },
      {
        // another scheme's value: progetti.premio, comparto.totale, comparto.ammesso
        ALT: () =>
          this.MANY2(() => {
            this.CONSUME(T.Dot);
            this.OR2([
              { ALT: () => this.CONSUME2(T.Identifier, { LABEL: 'member' }) },
              { ALT: () => this.CONSUME(K.Totale, { LABEL: 'member' }) },
              { ALT: () => this.CONSUME(K.Ammesso, { LABEL: 'member' }) },
            ]);
          }),
      },
    ]);
  });

  quantity = this.RULE('quantity', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.NumberLit);
          this.OPTION(() => this.SUBRULE(this.unitWord));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.EuroSign, { LABEL: 'euroPrefix' });
          this.CONSUME2(T.NumberLit);
        },
      },
    ]);
  });

  // a quantity in a table row, a range or a maximum: may be negative
  signed = this.RULE('signed', () => {
    this.OPTION(() => this.CONSUME(T.Minus));
    this.SUBRULE(this.quantity);
  });

  unitWord = this.RULE('unitWord', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Percent) },
      { ALT: () => this.CONSUME(T.EuroSign) },
      { ALT: () => this.CONSUME(K.TPunti) },
      { ALT: () => this.CONSUME(K.TEuro) },
      { ALT: () => this.CONSUME(K.TGiorni) },
      { ALT: () => this.CONSUME(K.TMesi) },
    ]);
  });

  scaleExpr = this.RULE('scaleExpr', () => {
    this.CONSUME(K.Scala);
    this.SUBRULE(this.expr);
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.scaleRow));
    this.CONSUME(T.RBrace);
  });

  scaleRow = this.RULE('scaleRow', () => {
    this.SUBRULE(this.interval);
    this.CONSUME(T.Arrow);
    this.SUBRULE(this.expr);
    this.OPTION(() => this.CONSUME(T.Semi));
  });

  interval = this.RULE('interval', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(K.Oltre);
          this.SUBRULE(this.signed, { LABEL: 'lo' });
          this.OPTION(() => this.SUBRULE(this.upper));
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.Da);
          this.SUBRULE2(this.signed, { LABEL: 'lo' });
          this.OPTION2(() => this.SUBRULE2(this.upper));
        },
      },
      { ALT: () => this.SUBRULE3(this.upper) },
      { ALT: () => this.CONSUME(T.Identifier, { LABEL: 'label' }) },
      { ALT: () => this.CONSUME(K.Altrimenti) },
      { ALT: () => this.SUBRULE4(this.signed, { LABEL: 'exact' }) },
    ]);
  });

  // `fino a X` (≤ X), `a X` after `da` (≤ X), `sotto X` (< X)
  upper = this.RULE('upper', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(K.Fino);
          this.CONSUME(K.A);
          this.SUBRULE(this.signed, { LABEL: 'hi' });
        },
      },
      {
        ALT: () => {
          this.CONSUME2(K.A);
          this.SUBRULE2(this.signed, { LABEL: 'hi' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.Sotto);
          this.SUBRULE3(this.signed, { LABEL: 'hiExcl' });
        },
      },
    ]);
  });

  bestExpr = this.RULE('bestExpr', () => {
    this.CONSUME(K.Migliori);
    this.SUBRULE(this.quantity);
    this.OR4([{ ALT: () => this.CONSUME(K.Per) }, { ALT: () => this.CONSUME(K.By) }]);
    this.SUBRULE(this.expr, { LABEL: 'by' });
    this.OPTION(() => {
      this.CONSUME(K.Entro);
      this.CONSUME(T.Identifier, { LABEL: 'within' });
    });
    this.OPTION2(() => {
      this.CONSUME(K.Tra);
      this.SUBRULE2(this.expr, { LABEL: 'among' });
    });
    this.OPTION3(() => {
      this.CONSUME(K.Arrotondando);
      this.OPTION4(() => this.CONSUME2(K.Per)); // «arrotondando per eccesso» / «rounding upward»
      this.OR([
        { ALT: () => this.CONSUME(K.Eccesso, { LABEL: 'mode' }) },
        { ALT: () => this.CONSUME(K.Difetto, { LABEL: 'mode' }) },
        { ALT: () => this.CONSUME(K.Vicino, { LABEL: 'mode' }) },
      ]);
    });
  });
}

export const parser = new SchedaParser();
