/* Internals shared by the files of src/bnn (never included outside it): the network and
 * dataset structs, the raw table the readers produce, the seeded random numbers, and the one
 * function that solves the training MIP. */
#ifndef TAME_BNN_IMPL_H
#define TAME_BNN_IMPL_H

#include <stdbool.h>
#include <stdint.h>

#include "bnn/bnn.h"
#include "bnn/dataset.h"
#include "bnn/train.h"
#include "model/model.h"

/* {=== network === */

struct tame_bnn {
    int refs;
    int L;          /* number of weight layers; sizes has L+1 entries */
    int *sizes;     /* sizes[0] inputs .. sizes[L] outputs, each >= 1 */
    int P;          /* weights in {-P..P} */
    bool bias;
    mpq_t eps;      /* > 0 */
    double epsd;
    bool trained;
    int **w;        /* w[l] for l = 1..L (w[0] unused): N_{l-1} x N_l, index i * N_l + j */
    int **b;        /* b[l][j]; zero when !bias */
    int ninputs_named;
    char **input_names;  /* [N_0] or NULL */
    int nclasses_named;
    char **class_names;  /* NULL when unknown */
    char *trained_on;    /* one line about the last training, or NULL */
};

/* }=== */
/* {=== datasets === */

typedef enum { COL_LABEL, COL_IGNORE, COL_NUMERIC, COL_ONEHOT } tame_col_role;

typedef struct tame_col_enc {
    char *name;
    tame_col_role role;
    tame_binarize bin;   /* COL_NUMERIC: NONE, or THRESHOLD with `threshold` resolved */
    double threshold;
    bool strict;         /* binarise with x > threshold (else x >= threshold) */
    int scale;           /* > 0: round(scale (x - min) / (max - min)) */
    double min, max;
    int ncat;            /* COL_ONEHOT: categories in feature order */
    char **cats;
} tame_col_enc;

typedef struct tame_encoder {
    int refs;
    int ncols;
    tame_col_enc *cols;
    int label_col;
    bool has_names;      /* the file had column names (header or ARFF) */
    int nraw;            /* classes as they appear in the label column */
    char **raw;
    int *class_of_raw;   /* [nraw] final class index */
    int nclasses;
    char **classes;
    int nfeatures;
    char **features;
    char *desc;
    char *source;        /* base name of the file the encoding was made from */
} tame_encoder;

struct tame_dataset {
    int refs;
    char *name;
    tame_encoder *enc;   /* shared between the parts of a split */
    int n, d;
    long long *xnum;     /* n x d, x = xnum / den exactly */
    long long den;
    double *x;           /* n x d */
    int *y;              /* class index */
    int *line;           /* source line */
};

/* The file as text cells, before encoding. */
typedef struct tame_raw_table {
    const char *path;    /* as given, for messages */
    int ncols;
    char **names;        /* [ncols]; generated "c1".. when the file has none */
    bool has_names;
    bool arff;
    bool *nominal;       /* ARFF: declared {a,b,..} */
    int *ndom;
    char ***dom;         /* ARFF nominal domains */
    bool *nonnum_type;   /* ARFF: string or date attribute */
    bool sklearn;        /* sklearn layout: label column last, values are class indices
                            already replaced by the class names below */
    int nsk;
    char **sk_classes;
    int nrows, caprows;
    char ***cells;       /* [nrows][ncols] */
    int *line;
} tame_raw_table;

/* Reads the file into *t (zeroed by the caller). header: 1, 0, or -1 auto.
 * TAME_IO / TAME_PARSE with "file:line: ..." messages. */
tame_status tame_raw_read(const char *path, int header, tame_raw_table *t) TAME_NODISCARD;
void tame_raw_free(tame_raw_table *t);

/* Missing-value cells ("?" or empty). */
bool tame_raw_is_missing(const char *cell);

/* }=== */
/* {=== seeded random numbers (splitmix64: the same stream on every platform) === */

typedef struct { uint64_t s; } tame_rng;

static inline void tame_rng_seed(tame_rng *r, uint64_t seed)
{
    r->s = seed * 0x9E3779B97F4A7C15ULL + 0x632BE59BD9B4E019ULL;
}

static inline uint64_t tame_rng_next(tame_rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static inline double tame_rng_uniform(tame_rng *r)
{
    return (double)(tame_rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* Uniform integer in [0, n), n >= 1 (rejection: no modulo bias). */
static inline int tame_rng_below(tame_rng *r, int n)
{
    uint64_t lim = UINT64_MAX - UINT64_MAX % (uint64_t)n;
    uint64_t v;
    do
        v = tame_rng_next(r);
    while (v >= lim);
    return (int)(v % (uint64_t)n);
}

/* Fisher-Yates shuffle of a[0..n-1]. */
static inline void tame_rng_shuffle(tame_rng *r, int a[], int n)
{
    for (int i = n - 1; i > 0; i--) {
        int j = tame_rng_below(r, i + 1);
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}

/* }=== */
/* {=== the training MIP === */

/* Where every variable of the training MIP is (column indices; -1 when absent), so that a
 * solution can be read back into a network and a network written as a starting point. */
typedef struct tame_bnn_mip_map {
    int L, K;            /* weight layers, examples */
    int *sizes;          /* copy of the network's sizes */
    int **w, **b;        /* w[l][i*N_l+j], b[l][j] */
    int **v, **vb;       /* |w| and |b| */
    int **u;             /* u[l][j*K+k], hidden layers 1..L-1 */
    int **c;             /* c[l][(i*N_l+j)*K+k], layers 2..L */
    int **q;             /* q[l][j], max-margin */
    int *z;              /* z[k], soft */
} tame_bnn_mip_map;

void tame_bnn_mip_map_free(tame_bnn_mip_map **map);

/* Builds the training MIP of `net`'s architecture on ds (bnn/mip.c). */
tame_status tame_bnn_mip_build_map(const tame_bnn *net, const tame_dataset *ds,
                                   const tame_bnn_train_opts *o, tame_model **out,
                                   tame_bnn_mip_map **map) TAME_NODISCARD;

/* The MIP point that network `net` stands for (w, |w|, u, c, q, z), written into x[ncols].
 * Returns false (x partly written) when the point violates a row of m by more than 1e-6, for
 * example a hard objective on data that net does not classify. */
bool tame_bnn_mip_point(const tame_bnn *net, const tame_dataset *ds, const tame_bnn_train_opts *o,
                        const tame_model *m, const tame_bnn_mip_map *map, double x[]);

/* Reads the weights of a MIP solution x into net (rounding the integer columns). */
void tame_bnn_mip_decode(tame_bnn *net, const tame_bnn_mip_map *map, const double x[]);

/* Outcome of one solve of the training MIP, in the model's own sense. */
typedef struct tame_bnn_mip_result {
    int status;          /* tame_bnn_fit_status: OPTIMAL, INFEASIBLE, TIME_LIMIT, INTERRUPTED,
                            FAILED */
    bool has_solution;
    double objective;    /* model's sense; NAN without a solution */
    double bound;        /* best proven bound, model's sense; NAN when unknown */
    long nodes;
} tame_bnn_mip_result;

/* THE place where the training MIP is solved (bnn/mip_solve.c). Everything in src/bnn goes
 * through this one function, so switching the engine (GLPK's glp_intopt today, our own
 * branch-and-bound once it lands) is an edit of that file only.
 * m: the training MIP; time_limit seconds (0: none); start[ncols] (may be NULL) a feasible
 * point offered as the first incumbent; progress: print a status line every few seconds.
 * x[ncols] receives the solution when r->has_solution. TAME_LPFATAL when the engine failed. */
tame_status tame_bnn_solve_training_mip(const tame_model *m, double time_limit,
                                        const double start[], bool progress,
                                        tame_bnn_mip_result *r, double x[]) TAME_NODISCARD;

/* }=== */

/* Measures the training accuracy of net on ds into fit and remembers the data's names and
 * a line about the training in net (train.c). */
void tame_bnn_fit_measure(tame_bnn *net, const tame_dataset *ds, tame_bnn_fit *fit);

/* Seconds on a monotonic clock. */
double tame_bnn_now(void);

#endif
