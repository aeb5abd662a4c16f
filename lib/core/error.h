/*
 * Internal side of the error model: how library code raises errors.
 *
 * Every failure path sets exactly one error before returning -1/NULL. The
 * setters return -1 so a failure reads as one line:
 *     return cv_error_set(CV_ERR_NO_DOMAIN, CV_FROM_TEST, "no domain '%s'", n);
 */
#pragma once

#include <glib.h>
#include <cloudvirt/cv-error.h>

int cv_error_set(cv_error_code code, cv_error_module module,
                 const char *fmt, ...) G_GNUC_PRINTF(3, 4);

/* Appends ": strerror(errnum)" to the message. */
int cv_error_set_errno(cv_error_code code, cv_error_module module, int errnum,
                       const char *fmt, ...) G_GNUC_PRINTF(4, 5);

/* Appends ": gerr->message" to the message; @gerr may be NULL. */
int cv_error_set_gerror(cv_error_code code, cv_error_module module,
                        const GError *gerr, const char *fmt, ...)
    G_GNUC_PRINTF(4, 5);

/*
 * Puts context in front of the error already set on this thread, keeping its
 * code and module: "opening 'disk.qcow2': <original message>". If no error is
 * set (a bug), sets CV_ERR_INTERNAL so the failure is never silent.
 */
int cv_error_prefix(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

/* Shorthand for the common "bad argument" error; names the function. */
#define cv_error_invalid_arg(module, ...) \
    cv_error_set(CV_ERR_INVALID_ARG, (module), __VA_ARGS__)

/* TRUE when the calling thread has an error set. */
gboolean cv_error_is_set(void);

/* The code of the thread's last error, CV_ERR_OK if none. */
int cv_error_last_code(void);

/*
 * Saves and restores the thread's error around cleanup code that may itself
 * fail (closing a file after a failed write must not replace the first,
 * more useful error).
 */
typedef struct cv_error_saved cv_error_saved;
cv_error_saved *cv_error_save(void);
void cv_error_restore(cv_error_saved *saved);
