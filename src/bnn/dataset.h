/* Classification datasets for BNN training: reading CSV (with a header, or headerless with
 * header=false), ARFF and the scikit-learn CSV layout; encoding (categorical columns one-hot,
 * numeric columns binarised at a threshold or the median, or scaled to integers); seeded
 * splits. Data are never executed: files are parsed as text.
 *
 * A dataset holds n rows of d encoded features and a class index per row. Features are
 * kept exactly as integers over a common denominator (x = xnum / den), the decimal values
 * of the file, so that the training MIP gets exact rational data and the forward pass
 * decides every sign exactly. The encoding (which raw column became which features, the
 * thresholds, the one-hot categories, the class names) is shared by the datasets split from
 * one file and can be applied to another file (opts.like), so that a test file is encoded
 * exactly as its training file. */
#ifndef TAME_BNN_DATASET_H
#define TAME_BNN_DATASET_H

#include <stdbool.h>

#include "base/status.h"

typedef struct tame_dataset tame_dataset;

typedef enum {
    TAME_BIN_NONE,      /* numeric columns keep their values */
    TAME_BIN_THRESHOLD, /* x >= t -> +1, else -1 */
    TAME_BIN_MEDIAN     /* threshold at the column's median (x > median when >= would make
                           the column constant) */
} tame_binarize;

typedef struct tame_dataset_opts {
    const char *label;        /* label column by name, or "#K" for the K-th column (1-based);
                                 NULL: a column named class/label/target/y, else the last */
    tame_binarize binarize;
    double threshold;         /* for TAME_BIN_THRESHOLD */
    int scale;                /* k > 0: numeric columns scaled to round(k (x-min)/(max-min)) */
    bool onehot;              /* one-hot encode categorical columns (ARFF nominal, non-numeric
                                 CSV columns, and the `categorical` list) into 0/1 features */
    const char *const *categorical; /* NULL-terminated names of numeric-coded categorical
                                       columns; NULL: none */
    const char *const *ignore;      /* NULL-terminated names of columns to drop; NULL: none */
    const char *positive;     /* one class against the rest: this class becomes +1 */
    int header;               /* CSV: 1 a header line, 0 none, -1 auto (none for .data files) */
    const tame_dataset *like; /* encode exactly as this dataset (its columns, thresholds,
                                 categories, classes); the options above are then ignored */
    bool by_position;         /* with like: match columns by position even when their names
                                 differ (the MONK-3 test file names them a1..a6) */
} tame_dataset_opts;

#define TAME_DATASET_OPTS_DEFAULT \
    {NULL, TAME_BIN_NONE, 0.0, 0, false, NULL, NULL, NULL, -1, NULL, false}

/* Reads `path` (format from the content and the extension: .arff is ARFF; a first line
 * "n_samples,n_features,class names..." is the scikit-learn layout; otherwise CSV).
 * *out receives a new dataset (reference count 1).
 * TAME_IO: cannot open. TAME_PARSE: a malformed row or header, with "file:line: ..." (wrong
 * number of fields, a non-number in a numeric column, a value outside an ARFF domain, a
 * missing value, an unknown class with `like`). TAME_BADARG: bad options (unknown label
 * column, fewer than two classes, unknown positive class), with the file named. */
tame_status tame_dataset_read(const char *path, const tame_dataset_opts *opts,
                              tame_dataset **out) TAME_NODISCARD;

tame_dataset *tame_dataset_ref(tame_dataset *ds);
void tame_dataset_unref(tame_dataset **ds);

/* Name (the file's base name, or "NAME[train]" after a split). Borrowed. */
const char *tame_dataset_name(const tame_dataset *ds);
int tame_dataset_nrows(const tame_dataset *ds);
int tame_dataset_nfeatures(const tame_dataset *ds);
int tame_dataset_nclasses(const tame_dataset *ds);
/* Feature name f ("head_shape=1" for a one-hot feature), class name c. Borrowed. */
const char *tame_dataset_feature_name(const tame_dataset *ds, int f);
const char *tame_dataset_class_name(const tame_dataset *ds, int c);
/* Class index of row r (0-based). */
int tame_dataset_label(const tame_dataset *ds, int r);
/* Feature f of row r as a double. */
double tame_dataset_value(const tame_dataset *ds, int r, int f);
/* The exact row: numerators (borrowed, d values) over the common denominator. */
const long long *tame_dataset_row_num(const tame_dataset *ds, int r);
long long tame_dataset_den(const tame_dataset *ds);
/* Line of the file the row came from (for messages). */
int tame_dataset_line(const tame_dataset *ds, int r);
/* Rows per class written into counts[nclasses]. */
void tame_dataset_class_counts(const tame_dataset *ds, int counts[]);
/* A one-line description of the encoding ("17 features: 6 columns one-hot; label 'class'"). */
const char *tame_dataset_encoding(const tame_dataset *ds);

/* Splits into train and test, seeded (the same seed gives the same split everywhere):
 * per_class > 0: per_class random rows of each class for training, the rest for testing;
 * otherwise a fraction `ratio` in (0,1) of the rows (rounded, at least one each way).
 * Rows keep their file order inside each part. TAME_BADARG: a class with fewer than
 * per_class rows, or ratio outside (0,1). *train and *test receive new datasets (the test
 * part may be empty). */
tame_status tame_dataset_split(const tame_dataset *ds, int per_class, double ratio,
                               unsigned long long seed, tame_dataset **train,
                               tame_dataset **test) TAME_NODISCARD;

/* The rows rows[0..n-1] of ds as a new dataset named `name` (NULL: ds's name). */
tame_dataset *tame_dataset_subset(const tame_dataset *ds, int n, const int rows[],
                                  const char *name);

/* One class against the rest: a binary dataset whose class 1 is `cls` and class 0 the
 * others ("not CLS"). TAME_BADARG for an unknown class. */
tame_status tame_dataset_one_vs_rest(const tame_dataset *ds, const char *cls,
                                     tame_dataset **out) TAME_NODISCARD;

#endif
