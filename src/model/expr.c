/* Recursive-descent parser for linear expressions and constraints (grammar in expr.h).
 * A side of a comparison is parsed into a linexpr with a constant; the constraint
 * L op R becomes (L - R) op 0, i.e. terms op -(constant). */
#include "model/expr.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/mem.h"

typedef enum { T_END, T_NUM, T_NAME, T_PLUS, T_MINUS, T_STAR, T_COLON, T_LE, T_GE, T_EQ, T_BAD } tok_kind;

typedef struct {
    const char *text; /* whole input, for columns */
    const char *p;    /* next byte */
    tok_kind kind;
    const char *start; /* current token's text */
    size_t len;
    mpq_ptr num; /* value of a T_NUM; storage owned by the caller, so copies of the lexer
                    (kept to back-track) share it safely */
    tame_status numst;
} lexer;

static bool is_name_char(int c)
{
    return c > ' ' && c != 127 && !strchr("+-*<>=:^;\"", c);
}

static void next(lexer *lx)
{
    while (isspace((unsigned char)*lx->p))
        lx->p++;
    lx->start = lx->p;
    const char *p = lx->p;
    if (!*p) {
        lx->kind = T_END;
        lx->len = 0;
        return;
    }
    if (isdigit((unsigned char)*p) || (*p == '.' && isdigit((unsigned char)p[1]))) {
        size_t used = 0;
        lx->numst = tame_rat_parse_prefix(lx->num, p, &used);
        if (lx->numst != TAME_OK) {
            lx->kind = T_BAD;
            lx->len = 1;
        } else {
            lx->kind = T_NUM;
            lx->len = used;
        }
    } else if (*p == '+') {
        lx->kind = T_PLUS, lx->len = 1;
    } else if (*p == '-') {
        lx->kind = T_MINUS, lx->len = 1;
    } else if (*p == '*') {
        lx->kind = T_STAR, lx->len = 1;
    } else if (*p == ':') {
        lx->kind = T_COLON, lx->len = 1;
    } else if (*p == '<') {
        lx->kind = T_LE, lx->len = p[1] == '=' ? 2 : 1;
    } else if (*p == '>') {
        lx->kind = T_GE, lx->len = p[1] == '=' ? 2 : 1;
    } else if (*p == '=') {
        if (p[1] == '<')
            lx->kind = T_LE, lx->len = 2;
        else if (p[1] == '>')
            lx->kind = T_GE, lx->len = 2;
        else
            lx->kind = T_EQ, lx->len = p[1] == '=' ? 2 : 1;
    } else if (is_name_char((unsigned char)*p)) {
        const char *q = p;
        while (is_name_char((unsigned char)*q))
            q++;
        lx->kind = T_NAME, lx->len = (size_t)(q - p);
    } else {
        lx->kind = T_BAD, lx->len = 1;
    }
    lx->p = lx->start + lx->len;
}

static int column(const lexer *lx)
{
    return (int)(lx->start - lx->text) + 1;
}

static tame_status unexpected(const lexer *lx, const char *wanted)
{
    if (lx->kind == T_END)
        return tame_err_set(TAME_PARSE, "expected %s at end of '%s'", wanted, lx->text);
    if (lx->kind == T_BAD && lx->numst != TAME_OK && isdigit((unsigned char)*lx->start)) {
        char why[256];
        snprintf(why, sizeof why, "%s", tame_err_msg()); /* the buffer is about to be reused */
        return tame_err_set(TAME_PARSE, "column %d: %s", column(lx), why);
    }
    return tame_err_set(TAME_PARSE, "column %d: expected %s, found '%.*s'", column(lx), wanted,
                        (int)(lx->len ? lx->len : 1), lx->start);
}

static bool is_inf_name(const char *s, size_t n)
{
    return (n == 3 && strncasecmp(s, "inf", 3) == 0) ||
           (n == 8 && strncasecmp(s, "infinity", 8) == 0);
}

/* One side: [sign] term { sign term }. Stops at a comparison, ':' or the end. A side that is
 * only [sign] inf sets *inf to +1/-1 and leaves e empty. */
static tame_status parse_side(const tame_model *m, lexer *lx, tame_linexpr *e, int *inf)
{
    tame_linexpr_clear(e);
    *inf = 0;
    mpq_t coef;
    mpq_init(coef);
    tame_status st = TAME_OK;
    bool first = true;
    for (;;) {
        int sign = 1;
        bool had_sign = false;
        while (lx->kind == T_PLUS || lx->kind == T_MINUS) {
            if (lx->kind == T_MINUS)
                sign = -sign;
            had_sign = true;
            next(lx);
        }
        if (!first && !had_sign)
            break;
        if (lx->kind == T_NAME && first && is_inf_name(lx->start, lx->len)) {
            lexer save = *lx;
            next(lx);
            if (lx->kind == T_END || lx->kind == T_LE || lx->kind == T_GE || lx->kind == T_EQ) {
                *inf = sign;
                goto done;
            }
            *lx = save; /* a variable that happens to be called inf */
        }
        mpq_set_si(coef, sign, 1);
        if (lx->kind == T_NUM) {
            mpq_mul(coef, coef, lx->num);
            next(lx);
            if (lx->kind == T_STAR) {
                next(lx);
                if (lx->kind != T_NAME) {
                    st = unexpected(lx, "a variable after '*'");
                    goto done;
                }
            }
            if (lx->kind != T_NAME) {
                mpq_add(e->constant, e->constant, coef);
                first = false;
                continue;
            }
        } else if (lx->kind != T_NAME) {
            st = unexpected(lx, first ? "a term" : "a term after the sign");
            goto done;
        }
        char *name = tame_xstrndup(lx->start, lx->len);
        int j = tame_model_find_var(m, name);
        if (j < 0) {
            st = tame_err_set(TAME_NOTFOUND, "column %d: unknown variable '%s' (declare it first)",
                              column(lx), name);
            free(name);
            goto done;
        }
        free(name);
        tame_linexpr_add_term(e, j, coef);
        next(lx);
        first = false;
    }
    if (first)
        st = unexpected(lx, "a term");
done:
    mpq_clear(coef);
    return st;
}

static void lexer_init(lexer *lx, const char *text, mpq_ptr num)
{
    lx->text = text;
    lx->p = text;
    lx->numst = TAME_OK;
    lx->num = num;
    next(lx);
}

/* Reads an optional "NAME :" prefix. */
static tame_status parse_label(lexer *lx, char **name)
{
    *name = NULL;
    if (lx->kind != T_NAME)
        return TAME_OK;
    lexer save = *lx;
    char *label = tame_xstrndup(lx->start, lx->len);
    next(lx);
    if (lx->kind == T_COLON) {
        if (!tame_model_name_is_valid(label)) {
            tame_status st = tame_err_set(TAME_PARSE, "invalid name '%s'", label);
            free(label);
            return st;
        }
        *name = label;
        next(lx);
        return TAME_OK;
    }
    free(label);
    *lx = save;
    return TAME_OK;
}

tame_status tame_expr_parse(const tame_model *m, const char *text, tame_linexpr *out)
{
    lexer lx;
    mpq_t num;
    mpq_init(num);
    lexer_init(&lx, text, num);
    int inf;
    tame_status st = parse_side(m, &lx, out, &inf);
    if (st == TAME_OK && inf)
        st = tame_err_set(TAME_PARSE, "an expression cannot be infinite");
    if (st == TAME_OK && lx.kind != T_END)
        st = unexpected(&lx, "'+', '-' or the end");
    mpq_clear(num);
    return st;
}

tame_status tame_expr_parse_objective(const tame_model *m, const char *text, char **name,
                                      tame_linexpr *out)
{
    lexer lx;
    mpq_t num;
    mpq_init(num);
    lexer_init(&lx, text, num);
    tame_status st = parse_label(&lx, name);
    int inf = 0;
    if (st == TAME_OK && lx.kind == T_END)
        tame_linexpr_clear(out); /* "min" alone: the zero objective */
    else if (st == TAME_OK)
        st = parse_side(m, &lx, out, &inf);
    if (st == TAME_OK && inf)
        st = tame_err_set(TAME_PARSE, "an objective cannot be infinite");
    if (st == TAME_OK && lx.kind != T_END)
        st = unexpected(&lx, "'+', '-' or the end");
    if (st != TAME_OK)
        TAME_FREE(*name);
    mpq_clear(num);
    return st;
}

void tame_constraint_init(tame_constraint *c)
{
    c->name = NULL;
    tame_linexpr_init(&c->e);
    c->has_lb = c->has_ub = false;
    mpq_inits(c->lb, c->ub, NULL);
}

void tame_constraint_done(tame_constraint *c)
{
    TAME_FREE(c->name);
    tame_linexpr_done(&c->e);
    mpq_clears(c->lb, c->ub, NULL);
}

/* Sets the bound of `c` implied by "terms OP value" (value already moved to the right). */
static void apply_bound(tame_constraint *c, tok_kind op, mpq_srcptr value)
{
    if (op == T_LE || op == T_EQ) {
        c->has_ub = true;
        mpq_set(c->ub, value);
    }
    if (op == T_GE || op == T_EQ) {
        c->has_lb = true;
        mpq_set(c->lb, value);
    }
}

tame_status tame_expr_parse_constraint(const tame_model *m, const char *text, tame_constraint *out)
{
    lexer lx;
    mpq_t num;
    mpq_init(num);
    lexer_init(&lx, text, num);
    tame_linexpr sides[3];
    for (int k = 0; k < 3; k++)
        tame_linexpr_init(&sides[k]);
    int inf[3] = {0, 0, 0};
    tok_kind ops[2];
    int nsides = 0;
    mpq_t v;
    mpq_init(v);

    TAME_FREE(out->name);
    tame_linexpr_clear(&out->e);
    out->has_lb = out->has_ub = false;

    tame_status st = parse_label(&lx, &out->name);
    while (st == TAME_OK) {
        st = parse_side(m, &lx, &sides[nsides], &inf[nsides]);
        if (st != TAME_OK)
            break;
        nsides++;
        if (lx.kind == T_END)
            break;
        if ((lx.kind != T_LE && lx.kind != T_GE && lx.kind != T_EQ) || nsides == 3) {
            st = unexpected(&lx, nsides == 3 ? "the end" : "'+', '-' or a comparison");
            break;
        }
        ops[nsides - 1] = lx.kind;
        next(&lx);
    }
    if (st != TAME_OK)
        goto done;
    if (nsides == 1) {
        st = tame_err_set(TAME_PARSE, "expected a comparison (<=, >= or =) in '%s'", text);
        goto done;
    }
    if (nsides == 2) {
        if (inf[0] && inf[1]) {
            st = tame_err_set(TAME_PARSE, "both sides are infinite in '%s'", text);
            goto done;
        }
        if (inf[0] || inf[1]) {
            /* "expr <= inf" and the like: a one-sided or free row */
            int k = inf[0] ? 1 : 0, s = inf[0] ? inf[0] : inf[1];
            tok_kind op = ops[0];
            if (inf[0])
                op = op == T_LE ? T_GE : op == T_GE ? T_LE : op;
            if (op == T_EQ) {
                st = tame_err_set(TAME_PARSE, "a row cannot equal infinity in '%s'", text);
                goto done;
            }
            tame_linexpr_copy(&out->e, &sides[k]);
            mpq_neg(v, sides[k].constant);
            mpq_set_ui(out->e.constant, 0, 1);
            /* terms op s*inf: only a bound in the right direction is meaningful */
            if ((op == T_LE && s > 0) || (op == T_GE && s < 0)) {
                out->has_lb = out->has_ub = false;
            } else {
                st = tame_err_set(TAME_PARSE, "the row can never hold in '%s'", text);
            }
            goto done;
        }
        /* "3 >= y" reads better as "y <= 3": put the variables on the left */
        if (sides[0].n == 0 && sides[1].n > 0) {
            tame_linexpr tmp = sides[0];
            sides[0] = sides[1];
            sides[1] = tmp;
            ops[0] = ops[0] == T_LE ? T_GE : ops[0] == T_GE ? T_LE : ops[0];
        }
        /* L op R  =>  (L - R).terms op R.const - L.const */
        tame_linexpr_copy(&out->e, &sides[0]);
        mpq_t minus;
        mpq_init(minus);
        for (int k = 0; k < sides[1].n; k++) {
            mpq_neg(minus, sides[1].coef[k]);
            tame_linexpr_add_term(&out->e, sides[1].ind[k], minus);
        }
        mpq_clear(minus);
        mpq_sub(v, sides[1].constant, sides[0].constant);
        mpq_set_ui(out->e.constant, 0, 1);
        apply_bound(out, ops[0], v);
        goto done;
    }
    /* range: A op E op B with A, B constants */
    if (ops[0] != ops[1] || ops[0] == T_EQ) {
        st = tame_err_set(TAME_PARSE, "a range needs two '<=' or two '>=' in '%s'", text);
        goto done;
    }
    if (sides[0].n || sides[2].n || inf[1]) {
        st = tame_err_set(TAME_PARSE, "the outer sides of a range must be numbers in '%s'", text);
        goto done;
    }
    tame_linexpr_copy(&out->e, &sides[1]);
    mpq_set_ui(out->e.constant, 0, 1);
    int lo = ops[0] == T_LE ? 0 : 2, hi = 2 - lo;
    if (!inf[lo]) {
        mpq_sub(out->lb, sides[lo].constant, sides[1].constant);
        out->has_lb = true;
    } else if (inf[lo] > 0) {
        st = tame_err_set(TAME_PARSE, "the row can never hold in '%s'", text);
        goto done;
    }
    if (!inf[hi]) {
        mpq_sub(out->ub, sides[hi].constant, sides[1].constant);
        out->has_ub = true;
    } else if (inf[hi] < 0) {
        st = tame_err_set(TAME_PARSE, "the row can never hold in '%s'", text);
        goto done;
    }
    if (out->has_lb && out->has_ub && mpq_cmp(out->lb, out->ub) > 0)
        st = tame_err_set(TAME_BADARG, "empty range in '%s'", text);
done:
    for (int k = 0; k < 3; k++)
        tame_linexpr_done(&sides[k]);
    mpq_clear(v);
    mpq_clear(num);
    return st;
}

tame_status tame_expr_parse_bound(const char *text, mpq_t out, int *is_inf)
{
    const char *p = text;
    while (isspace((unsigned char)*p))
        p++;
    int sign = 1;
    const char *q = p;
    if (*q == '+' || *q == '-')
        sign = *q++ == '-' ? -1 : 1;
    size_t n = strlen(q);
    while (n && isspace((unsigned char)q[n - 1]))
        n--;
    if (is_inf_name(q, n)) {
        *is_inf = sign;
        return TAME_OK;
    }
    *is_inf = 0;
    if (tame_rat_parse(out, p) != TAME_OK)
        return tame_err_set(TAME_PARSE, "expected a number or inf, found '%s'", text);
    return TAME_OK;
}
