// The grammar of expressions, quantities and intervals, pure (no actions); the declarations' grammar
// (parser.ts) extends it. Rules are class fields, so a wrong rule name is a TypeScript error.
import { CstParser, tokenMatcher, type IParserConfig, type IToken } from 'chevrotain';
import { MAX_NESTING } from './limits.ts';
import * as T from './tokens.ts';

const K = T.KW;

/** Thrown when an expression nests deeper than MAX_NESTING: reading stops there (see `parse`). */
export class NestingTooDeep extends Error {
  constructor(public token: IToken) {
    super('nesting too deep');
    this.name = 'NestingTooDeep';
  }
}

export class ExprParser extends CstParser {
  protected nesting = 0;

  constructor(config: IParserConfig) {
    super(T.allTokens, config);
  }

  /**
   * Parses `f` one level of nesting deeper. Past MAX_NESTING it throws NestingTooDeep, which is not a
   * recognition error: chevrotain does not try to recover from it, and the stack unwinds before it runs out.
   */
  protected nest(f: () => void, brackets = false): void {
    if (this.RECORDING_PHASE) return f();
    if (this.nesting >= MAX_NESTING) throw new NestingTooDeep(this.LA(1));
    this.nesting++;
    const row = this.rowEnd;
    if (brackets) this.rowEnd = undefined; // inside brackets no row ends
    try {
      f();
    } finally {
      this.nesting--;
      this.rowEnd = row;
    }
  }

  // ---- contextual keywords ----
  // A keyword that is not reserved is a name where the grammar expects a name. chevrotain decides an OPTION
  // or MANY at the end of a rule from the rule alone, so where the next construct may start with a name
  // (a field, a band row, a report row) these gates look one token further.

  /** The next token does not start `name :` (the next field). */
  protected notAName = (): boolean => this.LA(2).tokenType !== T.Colon;

  /**
   * `fonte`/`nota` followed by a text: a source or a note, not the name of the next row, which goes on with an
   * interval or `=` (`nota "Nota" da 0 a 10 → …`, `nota "Nota" alto → …`, `nota "Nota" = …`).
   */
  protected metaAhead = (): boolean => {
    if (this.LA(2).tokenType !== T.StringLit) return false;
    const t = this.LA(3);
    if ([T.Equals, T.NumberIt, T.NumberEn, T.Minus, T.EuroSign, K.Da, K.Oltre, K.Fino, K.Sotto, K.A, K.Altrimenti].includes(t.tokenType)) return false;
    return !(tokenMatcher(t, T.Identifier) && this.LA(4).tokenType === T.Arrow);
  };

  /** While reading the value that ends a band, report or scale row: the next row may start with a name. */
  protected rowEnd: 'band' | 'report' | 'scale' | undefined;

  /** Reads `f`, the value at the end of a row of kind `kind`. */
  protected rowValue(kind: 'band' | 'report' | 'scale' | undefined, f: () => void): void {
    const prev = this.rowEnd;
    this.rowEnd = kind;
    try {
      f();
    } finally {
      this.rowEnd = prev;
    }
  }

  /**
   * A unit word after a number (`5 giorni`) is the number's unit, unless it is the name that starts the next
   * field (`giorni: giorni`), band row (`giorni "label" da …`, `giorni 5 → …`) or report row (`giorni = …`).
   * Layout does not count: the language reads the same whatever the line breaks.
   */
  protected unitAhead = (): boolean => {
    const t = this.LA(1).tokenType;
    if (t === T.Percent || t === T.EuroSign) return true;
    const next = this.LA(2).tokenType;
    if (next === T.Colon) return false;
    if (this.rowEnd === 'report') return next !== T.Equals && next !== T.StringLit;
    if (this.rowEnd === 'scale') return next !== T.Arrow; // `… → 5 \n giorni → 1`: a row labelled `giorni`
    if (this.rowEnd === 'band') {
      if ([T.StringLit, T.NumberIt, T.NumberEn, T.EuroSign, K.Da, K.Oltre, K.Fino, K.Sotto, K.A].includes(next)) return false;
      if (next === K.Altrimenti) return this.LA(3).tokenType !== T.Arrow; // `giorni altrimenti → …`, not `… allora 5 punti altrimenti …`
      if (next === T.Minus) return !this.negativeRowAhead(); // `giorni -5 → …`, not `5 punti - 3 punti`
      return !(tokenMatcher(this.LA(2), T.Identifier) && this.LA(3).tokenType === T.Arrow); // `giorni alto → …`
    }
    return true;
  };

  /** From LA(2): `- N [unit] →`, the negative number a row's interval may be. */
  private negativeRowAhead(): boolean {
    let i = 3;
    if (this.LA(i).tokenType === T.EuroSign) i++;
    if (!tokenMatcher(this.LA(i), T.NumberLit)) return false;
    i++;
    const u = this.LA(i).tokenType;
    if ([T.Percent, T.EuroSign, K.TPunti, K.TEuro, K.TGiorni, K.TMesi, K.TOre].includes(u)) i++;
    return this.LA(i).tokenType === T.Arrow;
  }

  /** `data` + N/N/N or N-N-N: a date literal (a name `data` ending a row before a row `6 → …` is no date). */
  protected dateAhead = (): boolean => {
    const sep = this.LA(3).tokenType;
    return tokenMatcher(this.LA(2), T.NumberLit) && (sep === T.Divide || sep === T.Minus) && tokenMatcher(this.LA(4), T.NumberLit)
      && this.LA(5).tokenType === sep && tokenMatcher(this.LA(6), T.NumberLit);
  };

  // ---- expressions ----

  expr = this.RULE('expr', () => {
    this.OR([{ ALT: () => this.SUBRULE(this.ifExpr) }, { ALT: () => this.SUBRULE(this.letExpr) }, { ALT: () => this.SUBRULE(this.orExpr) }]);
  });

  // a local name: `sia base = stipendio * 12; base * 10%` / `let base = salary * 12, base * 10%`; the body
  // reaches as far as an `altrimenti` branch does. Each `sia` is one level of nesting.
  letExpr = this.RULE('letExpr', () => {
    this.nest(() => {
      this.CONSUME(K.Sia);
      this.CONSUME(T.Identifier, { LABEL: 'name' });
      this.CONSUME(T.Equals);
      this.rowValue(undefined, () => this.SUBRULE(this.expr, { LABEL: 'value' }));
      this.CONSUME(T.Sep);
      this.SUBRULE2(this.expr, { LABEL: 'body' });
    });
  });

  // `altrimenti se …` continues the chain (a loop, not a nested if): thousands of branches nest no deeper than two
  ifExpr = this.RULE('ifExpr', () => {
    this.nest(() => {
      // a condition and a `then` branch never end a row: only the `else` branch may
      this.CONSUME(K.Se);
      this.rowValue(undefined, () => this.SUBRULE(this.expr, { LABEL: 'cond' }));
      this.CONSUME(K.Allora);
      this.rowValue(undefined, () => this.SUBRULE2(this.expr, { LABEL: 'then' }));
      this.MANY({
        GATE: () => this.LA(2).tokenType === K.Se,
        DEF: () => {
          this.CONSUME2(K.Altrimenti);
          this.CONSUME2(K.Se);
          this.rowValue(undefined, () => this.SUBRULE4(this.expr, { LABEL: 'cond' }));
          this.CONSUME2(K.Allora);
          this.rowValue(undefined, () => this.SUBRULE5(this.expr, { LABEL: 'then' }));
        },
      });
      this.CONSUME(K.Altrimenti);
      this.SUBRULE3(this.expr, { LABEL: 'else' });
    });
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
        ALT: () =>
          this.nest(() => {
            this.CONSUME(K.Non);
            this.SUBRULE(this.notExpr);
          }),
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
            this.OR3([
              {
                ALT: () =>
                  this.nest(() => {
                    this.CONSUME(T.LParen);
                    this.SUBRULE(this.expr);
                    this.MANY(() => {
                      this.CONSUME(T.Sep);
                      this.SUBRULE2(this.expr);
                    });
                    this.CONSUME(T.RParen);
                  }, true),
              },
              { ALT: () => this.CONSUME(T.Identifier, { LABEL: 'setName' }) }, // a named set: `x in dirigenziali`
            ]);
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

  // A division takes the product before it as one operand (`a * b / c * d` is `((a * b) / c) * d`), so each
  // division, and each product after one, is a level of nesting; the rest of the chain is flat.
  mulExpr = this.RULE('mulExpr', () => {
    this.SUBRULE(this.unary);
    let levels = 0;
    let afterDivision = false;
    try {
      this.MANY(() => {
        const op = this.OR([{ ALT: () => this.CONSUME(T.Times, { LABEL: 'op' }) }, { ALT: () => this.CONSUME(T.Divide, { LABEL: 'op' }) }]);
        const division = op.tokenType === T.Divide;
        if (!this.RECORDING_PHASE && (division || afterDivision)) {
          if (this.nesting >= MAX_NESTING) throw new NestingTooDeep(op);
          this.nesting++;
          levels++;
        }
        afterDivision = division;
        this.SUBRULE2(this.unary);
      });
    } finally {
      this.nesting -= levels;
    }
  });

  unary = this.RULE('unary', () => {
    this.OR([
      {
        ALT: () =>
          this.nest(() => {
            this.CONSUME(T.Minus);
            this.SUBRULE(this.unary);
          }),
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
        ALT: () =>
          this.nest(() => {
            this.CONSUME(T.LParen);
            this.SUBRULE(this.expr);
            this.CONSUME(T.RParen);
          }, true),
      },
      { ALT: () => this.SUBRULE(this.listExpr) },
      { ALT: () => this.SUBRULE(this.scaleExpr) },
      { ALT: () => this.SUBRULE(this.bestExpr) },
      // `data 31/12/2024` / `date 2024-12-31`: a date (`data` followed by a number), before a name `data`
      { GATE: this.dateAhead, ALT: () => this.SUBRULE(this.dateLit), IGNORE_AMBIGUITIES: true },
      { ALT: () => this.SUBRULE(this.refOrCall) },
    ]);
  });

  // three numbers joined by «/» (gg/mm/aaaa) or «-» (aaaa-mm-gg); to-ast checks the form and the day
  dateLit = this.RULE('dateLit', () => {
    this.CONSUME(K.TData);
    this.CONSUME(T.NumberLit, { LABEL: 'part' });
    this.OR([{ ALT: () => this.CONSUME(T.Divide, { LABEL: 'sep' }) }, { ALT: () => this.CONSUME(T.Minus, { LABEL: 'sep' }) }]);
    this.CONSUME2(T.NumberLit, { LABEL: 'part' });
    this.OR2([{ ALT: () => this.CONSUME2(T.Divide, { LABEL: 'sep' }) }, { ALT: () => this.CONSUME2(T.Minus, { LABEL: 'sep' }) }]);
    this.CONSUME3(T.NumberLit, { LABEL: 'part' });
  });

  listExpr = this.RULE('listExpr', () => {
    this.nest(() => {
      this.CONSUME(T.LBracket);
      this.OPTION(() => {
        this.SUBRULE(this.expr);
        this.MANY(() => {
          this.CONSUME(T.Sep);
          this.SUBRULE2(this.expr);
        });
      });
      this.CONSUME(T.RBracket);
    }, true);
  });

  refOrCall = this.RULE('refOrCall', () => {
    this.CONSUME(T.Identifier);
    this.OR([
      {
        ALT: () =>
          this.nest(() => {
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
              // the value of an aggregate over no rows: `media(x dove c; altrimenti 0 €)`
              this.OPTION3(() => {
                this.CONSUME2(T.Sep);
                this.CONSUME(K.Altrimenti);
                this.SUBRULE5(this.expr, { LABEL: 'otherwise' });
              });
            });
            this.CONSUME(T.RParen);
            // allocation among units: `ripartisci(pot; peso) tra settore secondo peso_settore [parità ordine | parità secondo x decrescente]`
            // (only `tra X secondo`: a call ending the `per` of `migliori … tra cond` keeps its `tra`)
            this.OPTION4({
              GATE: () => tokenMatcher(this.LA(2), T.Identifier) && tokenMatcher(this.LA(3), K.By),
              DEF: () => {
              this.CONSUME(K.Tra);
              this.CONSUME4(T.Identifier, { LABEL: 'splitUnit' });
              this.CONSUME(K.By);
              this.SUBRULE6(this.expr, { LABEL: 'splitWeight' });
              this.OPTION5({
                GATE: () => this.LA(2).tokenType !== T.Colon, // `parità: …` on the next line is the scheme's tie rule
                DEF: () => {
                  this.CONSUME(K.Parita);
                  this.OR3([
                    {
                      ALT: () => {
                        this.CONSUME2(K.By);
                        this.CONSUME5(T.Identifier, { LABEL: 'splitTieKey' });
                        this.OPTION6(() => this.OR4([{ ALT: () => this.CONSUME(K.Crescente, { LABEL: 'splitTieDir' }) }, { ALT: () => this.CONSUME(K.Decrescente, { LABEL: 'splitTieDir' }) }]));
                      },
                    },
                    { ALT: () => this.CONSUME6(T.Identifier, { LABEL: 'splitTieOrder' }) },
                  ]);
                },
              });
              },
            });
          }, true),
      },
      {
        // keyed lookup: importi[categoria].importo
        ALT: () =>
          this.nest(() => {
            this.CONSUME(T.LBracket);
            this.SUBRULE4(this.expr, { LABEL: 'key' });
            this.CONSUME(T.RBracket);
            this.CONSUME3(T.Dot);
            this.CONSUME3(T.Identifier, { LABEL: 'column' });
          }),
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
          this.OPTION({ GATE: this.unitAhead, DEF: () => this.SUBRULE(this.unitWord) });
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
      { ALT: () => this.CONSUME(K.TOre) },
    ]);
  });

  // its rows are one level deeper (inside its braces)
  scaleExpr = this.RULE('scaleExpr', () => {
    this.CONSUME(K.Scala);
    this.SUBRULE(this.expr);
    this.CONSUME(T.LBrace);
    this.MANY(() => this.nest(() => this.SUBRULE(this.scaleRow), true));
    this.CONSUME(T.RBrace);
  });

  scaleRow = this.RULE('scaleRow', () => {
    this.SUBRULE(this.interval);
    this.CONSUME(T.Arrow);
    this.rowValue('scale', () => this.SUBRULE(this.expr));
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

  bestExpr = this.RULE('bestExpr', () => this.nest(() => this.bestBody()));

  private bestBody(): void {
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
  }
}
