/* BNN datasets: the readers (ARFF, sklearn CSV, CSV with a header, headerless UCI .data),
 * the encodings (one-hot, median binarisation, scaling, exact decimals), the seeded splits,
 * and one-line "file:line: ..." errors for malformed files. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bnn/bnn.h"
#include "bnn/dataset.h"
#include "test_util.h"

#define DATA "data/classification/"

static char tmpdir[64];

static int setup(void **state)
{
    (void)state;
    strcpy(tmpdir, "/tmp/tame_bnn_data_XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Writes text to tmpdir/name and returns the path (static buffer). */
static const char *write_file(const char *name, const char *text)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

static tame_dataset *load(const char *path, const tame_dataset_opts *o)
{
    tame_dataset *ds = NULL;
    if (tame_dataset_read(path, o, &ds) != TAME_OK)
        fail_msg("%s", tame_err_msg());
    return ds;
}

/* Reading path must fail with status st and a one-line message containing `part`. */
static void expect_error(const char *path, const tame_dataset_opts *o, tame_status st,
                         const char *part)
{
    tame_dataset *ds = NULL;
    tame_status got = tame_dataset_read(path, o, &ds);
    if (got != st || !strstr(tame_err_msg(), part))
        fail_msg("%s: status %d, message '%s'; expected %d with '%s'", path, got, tame_err_msg(),
                 st, part);
    assert_null(ds);
    assert_null(strchr(tame_err_msg(), '\n'));
}

static void test_monk_arff_one_hot_has_17_inputs(void **state)
{
    (void)state;
    tame_dataset_opts o = TAME_DATASET_OPTS_DEFAULT;
    o.onehot = true;
    tame_dataset *tr = load(DATA "azon04_monks-1.train.arff", &o);
    assert_int_equal(tame_dataset_nrows(tr), 124);
    assert_int_equal(tame_dataset_nfeatures(tr), 17);
    assert_int_equal(tame_dataset_nclasses(tr), 2);
    assert_string_equal(tame_dataset_feature_name(tr, 0), "head_shape=1");
    assert_string_equal(tame_dataset_feature_name(tr, 16), "has_tie=2");
    assert_string_equal(tame_dataset_class_name(tr, 1), "1");
    int counts[2];
    tame_dataset_class_counts(tr, counts);
    assert_int_equal(counts[0], 62);
    assert_int_equal(counts[1], 62);
    /* the first row 1,1,1,1,1,3,1: class 1, head 1, body 1, smiling 1, holding 1, jacket 3,
     * tie 1 */
    assert_int_equal(tame_dataset_label(tr, 0), 1);
    static const int row0[17] = {1, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0};
    for (int f = 0; f < 17; f++)
        assert_near(tame_dataset_value(tr, 0, f), row0[f], 0);
    assert_int_equal(tame_dataset_den(tr), 1);
    /* the test file encoded like the training file */
    tame_dataset_opts lo = TAME_DATASET_OPTS_DEFAULT;
    lo.like = tr;
    tame_dataset *te = load(DATA "azon04_monks-1.test.arff", &lo);
    assert_int_equal(tame_dataset_nrows(te), 432);
    assert_int_equal(tame_dataset_nfeatures(te), 17);
    tame_dataset_class_counts(te, counts);
    assert_int_equal(counts[0], 216);
    tame_dataset_unref(&te);
    tame_dataset_unref(&tr);
    /* MONK-3's test file names its columns a1..a6: matched by position on request */
    tr = load(DATA "azon04_monks-3.train.arff", &o);
    lo.like = tr;
    expect_error(DATA "azon04_monks-3.test.arff", &lo, TAME_BADARG,
                 "column 2 is 'a1', but 'head_shape' in azon04_monks-3.train.arff");
    lo.by_position = true;
    te = load(DATA "azon04_monks-3.test.arff", &lo);
    assert_int_equal(tame_dataset_nrows(te), 432);
    assert_int_equal(tame_dataset_nfeatures(te), 17);
    tame_dataset_unref(&te);
    tame_dataset_unref(&tr);
    /* without one-hot the nominal values 1..4 are numbers: 6 inputs */
    tame_dataset *raw = load(DATA "azon04_monks-1.train.arff", NULL);
    assert_int_equal(tame_dataset_nfeatures(raw), 6);
    assert_near(tame_dataset_value(raw, 0, 4), 3, 0);
    tame_dataset_unref(&raw);
}

static void test_sklearn_iris_exact_decimals(void **state)
{
    (void)state;
    tame_dataset *ds = load(DATA "sklearn_iris.csv", NULL);
    assert_int_equal(tame_dataset_nrows(ds), 150);
    assert_int_equal(tame_dataset_nfeatures(ds), 4);
    assert_int_equal(tame_dataset_nclasses(ds), 3);
    assert_string_equal(tame_dataset_class_name(ds, 2), "virginica");
    /* 5.1 is 51/10 exactly */
    assert_int_equal(tame_dataset_den(ds), 10);
    assert_int_equal(tame_dataset_row_num(ds, 0)[0], 51);
    assert_int_equal(tame_dataset_label(ds, 149), 2);
    tame_dataset *ovr = NULL;
    assert_int_equal(tame_dataset_one_vs_rest(ds, "versicolor", &ovr), TAME_OK);
    assert_int_equal(tame_dataset_nclasses(ovr), 2);
    assert_string_equal(tame_dataset_class_name(ovr, 0), "not versicolor");
    int counts[2];
    tame_dataset_class_counts(ovr, counts);
    assert_int_equal(counts[0], 100);
    assert_int_equal(counts[1], 50);
    tame_dataset_unref(&ovr);
    assert_int_equal(tame_dataset_one_vs_rest(ds, "rose", &ovr), TAME_BADARG);
    assert_null(ovr);
    /* positive= does the same when reading; scale= gives integers */
    tame_dataset_opts o = TAME_DATASET_OPTS_DEFAULT;
    o.positive = "setosa";
    o.scale = 10;
    tame_dataset *s = load(DATA "sklearn_iris.csv", &o);
    assert_int_equal(tame_dataset_den(s), 1);
    tame_dataset_class_counts(s, counts);
    assert_int_equal(counts[1], 50);
    assert_int_equal(tame_dataset_label(s, 0), 1);
    /* sepal length 4.3 .. 7.9: 5.1 -> round(10 * 0.8 / 3.6) = 2 */
    assert_near(tame_dataset_value(s, 0, 0), 2, 0);
    tame_dataset_unref(&s);
    tame_dataset_unref(&ds);
}

static void test_heart_csv_bom_crlf_median(void **state)
{
    (void)state;
    tame_dataset_opts o = TAME_DATASET_OPTS_DEFAULT;
    o.binarize = TAME_BIN_MEDIAN;
    tame_dataset *ds = load(DATA "mipnn_heart.csv", &o);
    assert_int_equal(tame_dataset_nrows(ds), 303);
    assert_int_equal(tame_dataset_nfeatures(ds), 13);
    assert_string_equal(tame_dataset_feature_name(ds, 0), "age"); /* BOM removed */
    int counts[2];
    tame_dataset_class_counts(ds, counts);
    assert_int_equal(counts[1], 165);
    for (int r = 0; r < 303; r++)
        for (int f = 0; f < 13; f++) {
            double v = tame_dataset_value(ds, r, f);
            assert_true(v > 0.5 || v < -0.5);
        }
    /* sex (0/1, median 1): x >= 1 holds for some rows only, so it is not constant */
    int plus = 0;
    for (int r = 0; r < 303; r++)
        plus += tame_dataset_value(ds, r, 1) > 0;
    assert_true(plus > 0 && plus < 303);
    tame_dataset_unref(&ds);
    /* categorical columns one-hot, the rest binarised */
    static const char *const cat[] = {"cp", "thal", NULL};
    o.onehot = true;
    o.categorical = cat;
    ds = load(DATA "mipnn_heart.csv", &o);
    assert_int_equal(tame_dataset_nfeatures(ds), 11 + 4 + 4);
    tame_dataset_unref(&ds);
    /* label= picks another column */
    tame_dataset_opts l = TAME_DATASET_OPTS_DEFAULT;
    l.label = "sex";
    ds = load(DATA "mipnn_heart.csv", &l);
    assert_string_equal(tame_dataset_feature_name(ds, 12), "target");
    tame_dataset_unref(&ds);
    l.label = "#1";
    ds = load(DATA "mipnn_heart.csv", &l);
    assert_string_equal(tame_dataset_feature_name(ds, 0), "sex");
    tame_dataset_unref(&ds);
}

static void test_headerless_data_file_one_hot(void **state)
{
    (void)state;
    tame_dataset_opts o = TAME_DATASET_OPTS_DEFAULT;
    o.onehot = true;
    tame_dataset *ds = load(DATA "marcoffee_tic-tac-toe.data", &o);
    assert_int_equal(tame_dataset_nrows(ds), 958);
    assert_int_equal(tame_dataset_nfeatures(ds), 27);
    assert_string_equal(tame_dataset_feature_name(ds, 0), "c1=b");
    assert_string_equal(tame_dataset_class_name(ds, 1), "positive");
    tame_dataset_unref(&ds);
}

static void test_split_is_seeded_and_per_class(void **state)
{
    (void)state;
    tame_dataset *ds = load(DATA "sklearn_iris.csv", NULL);
    tame_dataset *tr, *te, *tr2, *te2;
    assert_int_equal(tame_dataset_split(ds, 5, 0, 42, &tr, &te), TAME_OK);
    assert_int_equal(tame_dataset_nrows(tr), 15);
    assert_int_equal(tame_dataset_nrows(te), 135);
    int counts[3];
    tame_dataset_class_counts(tr, counts);
    assert_int_equal(counts[0], 5);
    assert_int_equal(counts[2], 5);
    assert_int_equal(tame_dataset_split(ds, 5, 0, 42, &tr2, &te2), TAME_OK);
    for (int r = 0; r < 15; r++)
        assert_int_equal(tame_dataset_line(tr, r), tame_dataset_line(tr2, r));
    tame_dataset_unref(&tr2);
    tame_dataset_unref(&te2);
    assert_int_equal(tame_dataset_split(ds, 5, 0, 43, &tr2, &te2), TAME_OK);
    bool differ = false;
    for (int r = 0; r < 15; r++)
        differ = differ || tame_dataset_line(tr, r) != tame_dataset_line(tr2, r);
    assert_true(differ);
    assert_string_equal(tame_dataset_name(tr), "sklearn_iris.csv[train]");
    tame_dataset_unref(&tr2);
    tame_dataset_unref(&te2);
    tame_dataset_unref(&tr);
    tame_dataset_unref(&te);
    assert_int_equal(tame_dataset_split(ds, 0, 0.8, 1, &tr, &te), TAME_OK);
    assert_int_equal(tame_dataset_nrows(tr), 120);
    assert_int_equal(tame_dataset_nrows(te), 30);
    tame_dataset_unref(&tr);
    tame_dataset_unref(&te);
    assert_int_equal(tame_dataset_split(ds, 51, 0, 1, &tr, &te), TAME_BADARG);
    assert_non_null(strstr(tame_err_msg(), "fewer than per_class = 51"));
    assert_int_equal(tame_dataset_split(ds, 0, 1.5, 1, &tr, &te), TAME_BADARG);
    tame_dataset_unref(&ds);
}

static void test_malformed_files_name_file_and_line(void **state)
{
    (void)state;
    const char *p;
    p = write_file("fields.csv", "a,b,class\n1,2,x\n3,4\n");
    expect_error(p, NULL, TAME_PARSE, "fields.csv:3: expected 3 fields, found 2");
    p = write_file("nan.csv", "a,b,class\n1,2,x\n3,abc,y\n");
    expect_error(p, NULL, TAME_PARSE, "nan.csv:3: column 'b': 'abc' is not a number");
    p = write_file("missing.csv", "a,b,class\n1,2,x\n1,?,y\n");
    expect_error(p, NULL, TAME_PARSE, "missing.csv:3: missing value in column 'b'");
    p = write_file("quote.csv", "a,b,class\n1,\"2,x\n");
    expect_error(p, NULL, TAME_PARSE, "quote.csv:2: unterminated quote");
    p = write_file("dup.csv", "a,a,class\n1,2,x\n");
    expect_error(p, NULL, TAME_PARSE, "dup.csv:1: column name 'a' appears twice");
    p = write_file("empty.csv", "\n\n");
    expect_error(p, NULL, TAME_PARSE, "empty.csv: empty file");
    p = write_file("onecls.csv", "a,class\n1,x\n2,x\n");
    expect_error(p, NULL, TAME_BADARG, "has 1 class (at least 2 needed)");
    p = write_file("dom.arff", "@relation r\n@attribute a {1,2}\n@attribute class {p,n}\n@data\n"
                               "1,p\n3,n\n");
    tame_dataset_opts oh = TAME_DATASET_OPTS_DEFAULT;
    oh.onehot = true;
    expect_error(p, &oh, TAME_PARSE, "dom.arff:6: column 'a': value '3' is not a category");
    p = write_file("cls.arff", "@relation r\n@attribute a numeric\n@attribute class {p,n}\n@data\n"
                               "1,p\n2,q\n");
    expect_error(p, NULL, TAME_PARSE, "cls.arff:6: unknown class 'q'");
    p = write_file("twice.arff", "@relation r\n@attribute a {x,y,x}\n@attribute class {p,n}\n"
                                 "@data\nx,p\n");
    expect_error(p, NULL, TAME_PARSE, "twice.arff:2: attribute 'a': value 'x' appears twice");
    p = write_file("nodata.arff", "@relation r\n@attribute a numeric\n");
    expect_error(p, NULL, TAME_PARSE, "nodata.arff: no @data line");
    p = write_file("type.arff", "@relation r\n@attribute a blob\n@data\n");
    expect_error(p, NULL, TAME_PARSE, "type.arff:2: attribute 'a': unknown type 'blob'");
    p = write_file("sparse.arff", "@relation r\n@attribute a numeric\n@attribute class {p,n}\n"
                                  "@data\n{0 1, 1 p}\n");
    expect_error(p, NULL, TAME_PARSE, "sparse.arff:5: sparse ARFF rows are not supported");
    p = write_file("sk.csv", "2,2,a,b\n1,2,0\n3,4,2\n");
    expect_error(p, NULL, TAME_PARSE, "sk.csv:3: class index '2' is not one of 0..1");
    p = write_file("skn.csv", "3,2,a,b\n1,2,0\n3,4,1\n");
    expect_error(p, NULL, TAME_PARSE, "skn.csv: the header says 3 samples, the file has 2");
    p = write_file("lab.csv", "a,b,class\n1,2,x\n3,4,y\n");
    tame_dataset_opts lo = TAME_DATASET_OPTS_DEFAULT;
    lo.label = "klass";
    expect_error(p, &lo, TAME_BADARG, "lab.csv: label: no column 'klass' (columns: a, b, class)");
    lo.label = NULL;
    lo.positive = "z";
    expect_error(p, &lo, TAME_BADARG, "positive class 'z' is not a class ('x', 'y')");
    expect_error("/nonexistent/file.csv", NULL, TAME_IO, "/nonexistent/file.csv: cannot open");
    /* a test file with a class or a category the training file did not have */
    tame_dataset *tr = load(p, NULL);
    tame_dataset_opts like = TAME_DATASET_OPTS_DEFAULT;
    like.like = tr;
    const char *q = write_file("lab2.csv", "a,b,class\n1,2,x\n3,4,w\n");
    expect_error(q, &like, TAME_PARSE, "lab2.csv:3: unknown class 'w' in column 'class'");
    q = write_file("lab3.csv", "a,c,class\n1,2,x\n");
    expect_error(q, &like, TAME_BADARG, "lab3.csv: column 2 is 'c', but 'b' in lab.csv");
    tame_dataset_unref(&tr);
}

static void test_quotes_comments_and_blank_lines(void **state)
{
    (void)state;
    const char *p = write_file("q.arff", "% comment\n@RELATION 'r r'\n\n@ATTRIBUTE 'a b' REAL\n"
                                         "@attribute class {'yes please',no}\n@data\n% c\n"
                                         "0.25,'yes please'\n\n-1.5,no");
    tame_dataset *ds = load(p, NULL);
    assert_int_equal(tame_dataset_nrows(ds), 2);
    assert_string_equal(tame_dataset_feature_name(ds, 0), "a b");
    assert_string_equal(tame_dataset_class_name(ds, 0), "yes please");
    assert_int_equal(tame_dataset_den(ds), 4);
    assert_int_equal(tame_dataset_row_num(ds, 1)[0], -6);
    assert_int_equal(tame_dataset_line(ds, 1), 10);
    tame_dataset_unref(&ds);
    p = write_file("q.csv", "\"x, y\",class\r\n\"1\",\"a \"\"b\"\"\"\r\n2,c\r\n");
    ds = load(p, NULL);
    assert_string_equal(tame_dataset_feature_name(ds, 0), "x, y");
    assert_string_equal(tame_dataset_class_name(ds, 0), "a \"b\"");
    tame_dataset_unref(&ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_monk_arff_one_hot_has_17_inputs),
        cmocka_unit_test(test_sklearn_iris_exact_decimals),
        cmocka_unit_test(test_heart_csv_bom_crlf_median),
        cmocka_unit_test(test_headerless_data_file_one_hot),
        cmocka_unit_test(test_split_is_seeded_and_per_class),
        cmocka_unit_test(test_malformed_files_name_file_and_line),
        cmocka_unit_test(test_quotes_comments_and_blank_lines),
    };
    return cmocka_run_group_tests_name("bnn_data", tests, setup, teardown);
}
