/* Fuzz target: the dataset readers (src/bnn/dataset_read.c: CSV with or without a header,
 * ARFF, the scikit-learn CSV layout) and the encoder (dataset.c: one-hot categories,
 * binarising, scaling, exact decimals) through tame_dataset_read, as `bnn data` and
 * tame.dataset call it.
 *
 * The first byte of the input chooses the options, the rest is the file:
 *   bits 0-1  the file's extension: .csv, .arff, .data (no header by default), .txt
 *   bits 2-3  encoding: raw decimals, binarise at 0.5, binarise at the median, scale to 0..7
 *   bit 4     one-hot categorical columns
 *   bits 5-6  header: auto, none, present, auto
 *   bit 7     label "#1" (the first column) and column "c2"/"a2" as categorical
 *
 * Properties checked on every input:
 *   - a refused file gives TAME_PARSE, TAME_IO or TAME_BADARG and one line starting with the
 *     file's name ("input.csv:LINE: ..." or "input.csv: ...");
 *   - an accepted dataset is consistent: at least one row, at least one feature, at least two
 *     classes; every label in 0..nclasses-1 and the class counts sum to the rows; every
 *     encoded value finite and equal to its exact form xnum/den (den >= 1); binarised
 *     features are +-1, one-hot features 0/1 with one 1 per column, scaled ones in 0..7;
 *     line numbers increase and lie in the file; names are non-empty;
 *   - the same file read again with like= (encode exactly as this dataset) gives the same
 *     rows and labels;
 *   - a seeded split into halves keeps every row exactly once;
 *   - reading writes no file (the scratch folder holds only the input afterwards). */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bnn/dataset.h"
#include "fuzz.h"

static void check_one_line_naming(const char *path)
{
    FUZZ_CHECK(fuzz_err_is_one_line());
    const char *m = tame_err_msg();
    /* the message names the file as given (the full path), then ':' */
    FUZZ_CHECK(strncmp(m, path, strlen(path)) == 0 && m[strlen(path)] == ':');
}

/* Only the input file is in the scratch folder. */
static void check_no_files(const char *input)
{
    const char *base = strrchr(input, '/') + 1;
    DIR *d = opendir(fuzz_scratch_dir());
    FUZZ_CHECK(d != NULL);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (strcmp(e->d_name, base) != 0) {
            fprintf(stderr, "unexpected file %s\n", e->d_name);
            FUZZ_CHECK(!"reading a dataset wrote a file");
        }
    }
    closedir(d);
}

static void check_consistent(const tame_dataset *ds, int nlines, int enc, bool onehot)
{
    int n = tame_dataset_nrows(ds), d = tame_dataset_nfeatures(ds);
    int k = tame_dataset_nclasses(ds);
    FUZZ_CHECK(n >= 1 && d >= 1 && k >= 2);
    long long den = tame_dataset_den(ds);
    FUZZ_CHECK(den >= 1);
    for (int c = 0; c < k; c++)
        FUZZ_CHECK(tame_dataset_class_name(ds, c) != NULL);
    for (int f = 0; f < d; f++)
        FUZZ_CHECK(tame_dataset_feature_name(ds, f) && tame_dataset_feature_name(ds, f)[0]);
    FUZZ_CHECK(tame_dataset_encoding(ds) && tame_dataset_encoding(ds)[0]);
    int *counts = calloc((size_t)k, sizeof *counts);
    FUZZ_CHECK(counts != NULL);
    tame_dataset_class_counts(ds, counts);
    long total = 0;
    for (int c = 0; c < k; c++) {
        FUZZ_CHECK(counts[c] >= 0);
        total += counts[c];
    }
    FUZZ_CHECK(total == n);
    free(counts);
    int prev = 0;
    for (int r = 0; r < n; r++) {
        int y = tame_dataset_label(ds, r);
        FUZZ_CHECK(y >= 0 && y < k);
        int line = tame_dataset_line(ds, r);
        FUZZ_CHECK(line > prev && line <= nlines);
        prev = line;
        const long long *num = tame_dataset_row_num(ds, r);
        for (int f = 0; f < d; f++) {
            double x = tame_dataset_value(ds, r, f);
            FUZZ_CHECK(isfinite(x));
            /* x = num/den: both exact up to one rounding each */
            double q = (double)num[f] / (double)den;
            FUZZ_CHECK(fabs(x - q) <= 1e-12 * fmax(1.0, fabs(x)));
            if (enc == 1 || enc == 2) {
                /* binarised numeric columns are +-1, one-hot ones 0/1 */
                FUZZ_CHECK(den == 1);
                FUZZ_CHECK(num[f] == 1 || num[f] == -1 || (onehot && num[f] == 0));
            } else if (enc == 3) {
                FUZZ_CHECK(den == 1 && num[f] >= 0 && num[f] <= 7);
            }
        }
    }
}

static int count_lines(const uint8_t *data, size_t size)
{
    int n = 1;
    for (size_t i = 0; i < size; i++)
        n += data[i] == '\n';
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    uint8_t opt = data[0];
    static const char *const exts[] = {"csv", "arff", "data", "txt"};
    const char *path = fuzz_write_input(data + 1, size - 1, exts[opt & 3]);
    int enc = (opt >> 2) & 3;
    bool onehot = (opt >> 4) & 1;
    static const char *const cats[] = {"c2", "a2", NULL};
    tame_dataset_opts o = TAME_DATASET_OPTS_DEFAULT;
    o.onehot = onehot;
    if (enc == 1) {
        o.binarize = TAME_BIN_THRESHOLD;
        o.threshold = 0.5;
    } else if (enc == 2) {
        o.binarize = TAME_BIN_MEDIAN;
    } else if (enc == 3) {
        o.scale = 7;
    }
    int h = (opt >> 5) & 3;
    o.header = h == 1 ? 0 : h == 2 ? 1 : -1;
    if (opt & 0x80) {
        o.label = "#1";
        o.categorical = cats;
    }
    tame_err_clear();
    tame_dataset *ds = NULL;
    tame_status st = tame_dataset_read(path, &o, &ds);
    if (st != TAME_OK) {
        FUZZ_CHECK(ds == NULL);
        FUZZ_CHECK(st == TAME_PARSE || st == TAME_IO || st == TAME_BADARG);
        check_one_line_naming(path);
        check_no_files(path);
        unlink(path);
        return 0;
    }
    FUZZ_CHECK(ds != NULL);
    check_consistent(ds, count_lines(data + 1, size - 1), enc, onehot);

    /* the same file encoded like itself gives the same rows */
    tame_dataset_opts lo = TAME_DATASET_OPTS_DEFAULT;
    lo.header = o.header;
    lo.like = ds;
    tame_dataset *again = NULL;
    st = tame_dataset_read(path, &lo, &again);
    if (st != TAME_OK)
        fprintf(stderr, "re-read with like= failed: %s\n", tame_err_msg());
    FUZZ_CHECK(st == TAME_OK);
    int n = tame_dataset_nrows(ds), d = tame_dataset_nfeatures(ds);
    FUZZ_CHECK(tame_dataset_nrows(again) == n && tame_dataset_nfeatures(again) == d);
    FUZZ_CHECK(tame_dataset_den(again) == tame_dataset_den(ds));
    for (int r = 0; r < n; r++) {
        FUZZ_CHECK(tame_dataset_label(again, r) == tame_dataset_label(ds, r));
        FUZZ_CHECK(memcmp(tame_dataset_row_num(again, r), tame_dataset_row_num(ds, r),
                          (size_t)d * sizeof(long long)) == 0);
    }
    tame_dataset_unref(&again);

    /* a seeded split keeps every row exactly once */
    if (n >= 2) {
        tame_dataset *train = NULL, *test = NULL;
        FUZZ_CHECK(tame_dataset_split(ds, 0, 0.5, 42, &train, &test) == TAME_OK);
        FUZZ_CHECK(tame_dataset_nrows(train) + tame_dataset_nrows(test) == n);
        FUZZ_CHECK(tame_dataset_nrows(train) >= 1 && tame_dataset_nrows(test) >= 1);
        tame_dataset_unref(&train);
        tame_dataset_unref(&test);
    }
    tame_dataset_unref(&ds);
    check_no_files(path);
    unlink(path);
    return 0;
}
