/* Ctrl-C: the SIGINT handler only sets a flag; long work polls it and stops cleanly. */
#ifndef TAME_BASE_INTERRUPT_H
#define TAME_BASE_INTERRUPT_H

#include <stdbool.h>

/* Installs the SIGINT handler (idempotent). */
void tame_interrupt_install(void);

/* True when Ctrl-C was pressed since the last clear. */
bool tame_interrupt_pending(void);

void tame_interrupt_clear(void);

/* Sets the flag as the handler does (for tests and for code that wants to stop work). */
void tame_interrupt_raise(void);

/* An extra function called from the signal handler after the flag is set (for example
 * to arm a Lua hook); it must be async-signal-safe. NULL removes it. */
void tame_interrupt_set_callback(void (*fn)(void));

#endif
