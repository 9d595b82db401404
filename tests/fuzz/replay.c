/* The replay runner: a main for a fuzz target built with the normal compiler, so that make
 * test runs every corpus input and every crash ever found without libFuzzer. Each argument
 * is a file or a folder of files; each input runs in a forked child (so a crash or a hang
 * is reported with the input's name and the run goes on), inside the scratch folder, with a
 * time limit. Under VARIANT=san the child's exit runs LeakSanitizer, so a leak fails too.
 * Prints "not ok - FILE (...)" for each failure and ends with "NAME: N passed, N failed". */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz.h"

#pragma weak LLVMFuzzerInitialize

#define TIME_LIMIT 60 /* seconds per input; generous for valgrind and sanitizers */

static int passed, failed;
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

static void run_one(const char *path)
{
    size_t size = 0;
    uint8_t *data = slurp(path, &size);
    if (!data) {
        printf("not ok - %s (cannot read: %s)\n", path, strerror(errno));
        failed++;
        return;
    }
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        exit(2);
    }
    if (pid == 0) {
        if (chdir(fuzz_scratch_dir()) != 0)
            _exit(3);
        alarm(TIME_LIMIT);
        LLVMFuzzerTestOneInput(data, size);
        free(data);
        exit(0); /* exit, not _exit: atexit clean-up and the leak check run */
    }
    free(data);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        passed++;
        if (verbose)
            printf("ok - %s\n", path);
    } else if (WIFSIGNALED(status)) {
        printf("not ok - %s (signal %d%s)\n", path, WTERMSIG(status),
               WTERMSIG(status) == SIGALRM ? ": time limit" : "");
        failed++;
    } else {
        printf("not ok - %s (exit %d)\n", path, WEXITSTATUS(status));
        failed++;
    }
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
    printf("%s: %d passed, %d failed\n", name, passed, failed);
    return failed ? 1 : 0;
}
