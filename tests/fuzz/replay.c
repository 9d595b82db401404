/* The replay runner: a main for a fuzz target built with the normal compiler, so that make
 * test runs every corpus input and every crash ever found without libFuzzer. Each argument
 * is a file or a folder of files; each input runs in a forked child (so a crash or a hang
 * is reported with the input's name and the run goes on), inside the scratch folder, with a
 * time limit. Under VARIANT=san the child's exit runs LeakSanitizer, so a leak fails too.
 * Prints "not ok - FILE (...)" for each failure and ends with "NAME: N passed, N failed".
 *
 * Robust under load (a one-off "247 failed" was seen on a machine shared by many sanitizer
 * builds): the time limit counts the child's CPU time (RLIMIT_CPU), not the wall clock, with a
 * wall-clock alarm only as a backstop for a child that sleeps; a fork that fails for lack of
 * resources is retried; and an input that fails is run once more, alone, before it counts:
 * the harnesses are deterministic, so a real failure fails again, while a failure of the
 * environment (fork, LeakSanitizer's stop-the-world thread, memory pressure from other
 * processes) does not. Such a pass is reported ("ok - FILE # passed on a second run") and
 * counted in the summary, so that nondeterminism stays visible. */
#include <dirent.h>
#include <signal.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fuzz.h"

#pragma weak LLVMFuzzerInitialize

#define CPU_LIMIT 60   /* CPU seconds per input; generous for valgrind and sanitizers */
#define WALL_LIMIT 900 /* wall-clock backstop (a child that sleeps uses no CPU) */

static int passed, failed, retried;
static int verbose;

static uint8_t *slurp(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0, got;
    uint8_t *buf = malloc(cap);
    if (!buf)
        abort();
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap && !(buf = realloc(buf, cap *= 2)))
            abort();
    }
    fclose(f);
    *size = n;
    return buf;
}

/* Runs one input in a forked child; returns 0 when it passed, else writes why into why. */
static int run_child(const uint8_t *data, size_t size, char *why, size_t n)
{
    fflush(stdout);
    fflush(stderr);
    pid_t pid;
    for (int attempt = 0;; attempt++) {
        pid = fork();
        if (pid >= 0 || attempt == 20 || (errno != EAGAIN && errno != ENOMEM))
            break;
        struct timespec ts = {0, 100000000}; /* resources short: wait 0.1 s, try again */
        nanosleep(&ts, NULL);
    }
    if (pid < 0) {
        snprintf(why, n, "fork: %s", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        if (chdir(fuzz_scratch_dir()) != 0)
            _exit(3);
        struct rlimit cpu = {CPU_LIMIT, CPU_LIMIT + 5};
        setrlimit(RLIMIT_CPU, &cpu);
        alarm(WALL_LIMIT);
        LLVMFuzzerTestOneInput(data, size);
        exit(0); /* exit, not _exit: atexit clean-up and the leak check run */
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return 0;
    if (WIFSIGNALED(status))
        snprintf(why, n, "signal %d%s", WTERMSIG(status),
                 WTERMSIG(status) == SIGXCPU   ? ": CPU time limit"
                 : WTERMSIG(status) == SIGALRM ? ": wall-clock limit"
                                               : "");
    else
        snprintf(why, n, "exit %d", WEXITSTATUS(status));
    return -1;
}

static void run_one(const char *path)
{
    size_t size = 0;
    uint8_t *data = slurp(path, &size);
    if (!data) {
        printf("not ok - %s (cannot read: %s)\n", path, strerror(errno));
        failed++;
        return;
    }
    char why[128], why2[128];
    if (run_child(data, size, why, sizeof why) == 0) {
        passed++;
        if (verbose)
            printf("ok - %s\n", path);
    } else if (run_child(data, size, why2, sizeof why2) == 0) {
        passed++;
        retried++;
        printf("ok - %s # passed on a second run (the first: %s)\n", path, why);
    } else {
        printf("not ok - %s (%s)\n", path, why2);
        failed++;
    }
    free(data);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void run_path(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        printf("not ok - %s (%s)\n", path, strerror(errno));
        failed++;
        return;
    }
    if (!S_ISDIR(st.st_mode)) {
        run_one(path);
        return;
    }
    DIR *d = opendir(path);
    if (!d) {
        printf("not ok - %s (%s)\n", path, strerror(errno));
        failed++;
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue; /* ., .. and hidden files such as .gitkeep */
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            char **bigger = realloc(names, cap * sizeof *names);
            if (!bigger)
                abort();
            names = bigger;
        }
        size_t len = strlen(path) + strlen(e->d_name) + 2;
        names[n] = malloc(len);
        if (!names[n])
            abort();
        snprintf(names[n++], len, "%s/%s", path, e->d_name);
    }
    closedir(d);
    if (n) /* qsort(NULL, 0, ...) is undefined */
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        run_path(names[i]);
        free(names[i]);
    }
    free(names);
}

int main(int argc, char **argv)
{
    const char *name = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
    int first = 1;
    if (argc > 1 && strcmp(argv[1], "-v") == 0) {
        verbose = 1;
        first = 2;
    }
    if (first >= argc) {
        fprintf(stderr, "usage: %s [-v] FILE|DIR...\n", name);
        return 2;
    }
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    fuzz_scratch_dir();
    for (int i = first; i < argc; i++)
        run_path(argv[i]);
    if (passed + failed == 0) {
        printf("not ok - %s: no inputs\n", name);
        failed++;
    }
    if (retried)
        printf("%s: %d passed (%d on a second run), %d failed\n", name, passed, retried, failed);
    else
        printf("%s: %d passed, %d failed\n", name, passed, failed);
    return failed ? 1 : 0;
}
