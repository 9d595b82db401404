/* SIGINT handling: a volatile flag and an optional async-signal-safe callback (lua.c laction). */
#include "base/interrupt.h"

#include <signal.h>
#include <string.h>

static volatile sig_atomic_t flag;
static void (*volatile callback)(void);

static void on_sigint(int sig)
{
    (void)sig;
    flag = 1;
    if (callback)
        callback();
}

void tame_interrupt_install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
}

bool tame_interrupt_pending(void)
{
    return flag != 0;
}

void tame_interrupt_clear(void)
{
    flag = 0;
}

void tame_interrupt_raise(void)
{
    flag = 1;
}

void tame_interrupt_set_callback(void (*fn)(void))
{
    callback = fn;
}
