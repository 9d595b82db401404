/* One node of a branch-and-bound tree as the tree record keeps it (MATH.md §6.1, §8.5): where
 * it sits, how it was made, what its LP did, and its fate. Every node is kept, including
 * infeasible and pruned leaves, so that dual functions can be built after the fact.
 *
 * Minimisation form: every objective value, dual and reduced cost here is for min c'x (a
 * maximisation model is stored with its objective negated, as the LP layer does). Callers
 * that show values to users flip the sign for a max model (tame_tree_user_value).
 *
 * Node LP (MATH.md §6.1): node t solves min { c.x : L <= Ax <= U, l^t <= x <= u^t } where the
 * box [l^t, u^t] is the model's bounds tightened by the branchings on the path from the root
 * and by the recorded tightenings (tame_fixing; tame_tree_node_box). Its dual-feasible (y, r), r = c - y'A, gives the affine bound
 *     phi_t(d) = y.d + sum_j ( max(r_j,0) l^t_j - max(-r_j,0) u^t_j )
 * valid for every right-hand side d (rows with two bounds use the bound the dual sign selects).
 * A node that was never solved (pruned by its parent's bound, or still open) is certified by
 * its nearest solved ancestor's (y, r) with its own, tighter box: dual_node says which. */
#ifndef TAME_BB_NODE_H
#define TAME_BB_NODE_H

#include <stdbool.h>

/* What happened to the node. A leaf is every node that is not BRANCHED. */
typedef enum {
    TAME_FATE_OPEN,       /* not processed yet (the solve stopped, or it is still running) */
    TAME_FATE_BRANCHED,   /* processed and split into two children */
    TAME_FATE_INTEGRAL,   /* its LP solution is integral: a feasible point (maybe the incumbent) */
    TAME_FATE_INFEASIBLE, /* its LP is infeasible, or bound propagation proved its box empty
                             before any LP (lp NONE); the Farkas ray is stored either way */
    TAME_FATE_PRUNED      /* its bound is >= the incumbent (up to the tolerance) */
} tame_fate;

typedef enum {
    TAME_DIR_NONE, /* the root */
    TAME_DIR_DOWN, /* x_var <= branch_bound  (floor of the parent's value) */
    TAME_DIR_UP    /* x_var >= branch_bound  (ceiling of the parent's value) */
} tame_dir;

/* The outcome of the node's own LP. */
typedef enum {
    TAME_NODE_LP_NONE,       /* never solved: pruned by the parent's bound, or open */
    TAME_NODE_LP_OPTIMAL,
    TAME_NODE_LP_INFEASIBLE,
    TAME_NODE_LP_CUTOFF,     /* the dual simplex stopped at the cutoff: the basis is dual
                                feasible and its objective is already >= the cutoff */
    TAME_NODE_LP_UNBOUNDED,  /* only at the root: the LP relaxation is unbounded */
    TAME_NODE_LP_FAILED      /* numerical failure (the solve stops with an error) */
} tame_node_lp;

/* A bound tightening recorded at a node. It removes the region
 *     E_k = B  intersect  F_1 .. F_{k-1}  intersect  not F_k
 * (B the box it applies to, F_i the earlier tightenings of the same kind at the node, in
 * order), and says why no solution that matters lies there:
 *  - TAME_FIX_REDCOST (reduced-cost fixing, made after the node's LP, applies to its
 *    children: B is the node's own box): with cert_node's dual-feasible (y, r), phi(d) over
 *    E_k's box is a lower bound for every d and is >= the incumbent at the solve's right-hand
 *    side, as for a pruned leaf.
 *  - TAME_FIX_PROPAGATED (bound propagation, made before the node's LP, part of its own box:
 *    B is the box from its parent and branching): row `row` alone proves E_k empty - its
 *    activity over E_k's box cannot reach its bounds. That is a Farkas certificate
 *    rho = sign * e_row (tame_lp_farkas's convention); for other right-hand sides combine it
 *    with any dual-feasible (y, r) of an ancestor, as for an infeasible leaf (MATH.md §6.1).
 * The leaves together with the removed regions cover the root box, so F_BB stays valid
 * when the regions are included as extra pieces. */
typedef enum { TAME_FIX_REDCOST, TAME_FIX_PROPAGATED } tame_fix_kind;

typedef struct tame_fixing {
    int var;
    int dir;             /* tame_dir: DOWN sets x_var <= bound, UP sets x_var >= bound */
    double bound;
    tame_fix_kind kind;
    int cert_node;       /* REDCOST: whose (y, r) certifies E_k (the node or the root) */
    int row, sign;       /* PROPAGATED: the row and the sign of the Farkas multiplier */
} tame_fixing;

/* A sparse vector: n entries (ind[k], val[k]), indices increasing. */
typedef struct tame_sparse {
    int n;
    int *ind;
    double *val;
} tame_sparse;

typedef struct tame_node {
    int id;              /* creation order: 0 is the root; a node's two children have
                            consecutive ids, the down child first */
    int parent;          /* -1 for the root */
    int depth;           /* 0 for the root */
    int child;           /* id of the down child (the up child is child + 1); -1 if none */
    int branch_var;      /* the variable whose bound this node changed; -1 at the root */
    tame_dir dir;        /* the direction of that change */
    double branch_value; /* x_var in the parent's LP solution */
    double branch_bound; /* the new bound: DOWN x_var <= b, UP x_var >= b (an integer) */
    tame_fate fate;
    tame_node_lp lp;
    double lp_value;     /* LP objective (min form): optimal value, or the dual objective
                            reached at a CUTOFF; NAN when NONE, INFEASIBLE or FAILED */
    double bound;        /* lower bound on the node's subtree (min form) used to select and
                            prune: the LP value rounded up to the objective's lattice when
                            the objective is integral, never below the parent's bound;
                            +INFINITY for an infeasible LP */
    double estimate;     /* estimate of the best solution in the subtree (min form) */
    int order;           /* processing order 0, 1, ...; -1 while open */
    double time;         /* seconds since the solve started when it was processed; NAN if open */
    int iterations;      /* simplex iterations of its own LP */
    double ii_sum;       /* sum of the fractionalities of the integer variables in its LP
                            solution, and their number (GrUMPy's integer infeasibility) */
    int ii_count;
    int dual_node;       /* the node whose (duals, redcosts) certify this one: itself when its
                            LP ended dual feasible, else the nearest such ancestor; -1 if none */
    bool dual_feasible;  /* duals and redcosts below are dual feasible */
    tame_sparse duals;   /* row duals y (nonzeros), min form; empty when not solved */
    tame_sparse redcosts;/* reduced costs over the columns (nonzeros) as GLPK gave them, only
                            with the parameter keep_redcosts; otherwise empty, and
                            tame_tree_node_redcosts computes r = c - y'A from the duals */
    tame_sparse farkas;  /* infeasible node: row multipliers rho of the Farkas certificate
                            (tame_lp_farkas), or +-e_row when propagation proved the box
                            empty; empty otherwise */
    double farkas_margin;/* the certificate's margin (> 0), NAN when there is none */
    const unsigned char *basis; /* final basis, 2 bits per variable, rows then columns
                            (tame_tree_node_basis unpacks it); NULL when not solved */
    bool propagated;     /* bound propagation ran on its box */
    bool lp_from_sb;     /* its duals and basis (and, for a cut-off or infeasible child, its
                            LP outcome) come from strong branching at the parent: an LP over
                            the parent's box with only this node's branching bound, a
                            relaxation of this node's box, so those dual-feasible duals (or
                            that Farkas ray) certify this node's box too. With lp NONE they
                            certify its bound until its own LP runs (then this is false). */
    bool weak_duals;     /* its stored duals certify less than lp_value: phi_t(b) over its box
                            (in doubles, tame_tree_node_redcosts) is below lp_value by more than
                            1e-6 relative even after the LP was polished (GLPK's basis is dual
                            feasible only within its tolerance), so `bound` is that phi
                            (rounded to the lattice, never below the parent's bound) */
    bool empty_box;      /* an integer variable's bounds admit no integer (fractional model
                            bounds): infeasible without any LP or certificate */
    int nfix;            /* tightenings recorded at this node (tame_fixing): propagated ones
                            are part of its own box, reduced-cost ones apply to its children */
    tame_fixing *fix;
} tame_node;

/* "open", "branched", "integral", "infeasible", "pruned" (the names of DESIGN.md §2.3). */
const char *tame_fate_str(tame_fate f);
/* "none", "optimal", "infeasible", "cutoff", "unbounded", "failed". */
const char *tame_node_lp_str(tame_node_lp s);

#endif
