/*
 * cv-auth.h: credentials for remote connections. A program that wants to
 * answer password, passphrase or keyboard-interactive prompts opens its
 * connection with cv_connect_open_auth() and a callback.
 */
#ifndef CLOUDVIRT_CV_AUTH_H
#define CLOUDVIRT_CV_AUTH_H

#include <cloudvirt/cv-common.h>
#include <cloudvirt/cv-connect.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What a credential callback is asked for. */
typedef enum {
    CV_CRED_PASSWORD = 1,        /* the user's password on the remote host */
    CV_CRED_PASSPHRASE = 2,      /* the passphrase of the keyfile= key */
    CV_CRED_PROMPT_ECHO = 3,     /* a keyboard-interactive prompt, echoed */
    CV_CRED_PROMPT_NOECHO = 4,   /* a keyboard-interactive prompt, secret */
} cv_cred_type;

/**
 * cv_auth_cb:
 * @type: a cv_cred_type
 * @prompt: text for a person ("Password for root@h1:", or the server's prompt)
 * @opaque: the user pointer given to cv_connect_open_auth()
 *
 * Called on the thread that opens the connection, only while it opens.
 *
 * Returns: the answer as a NUL-terminated string allocated with malloc()
 * (the library wipes and frees it), or NULL to give up on this method.
 */
typedef char *(*cv_auth_cb)(int type, const char *prompt, void *opaque);

/**
 * cv_connect_open_auth:
 * @uri: as for cv_connect_open()
 * @cb: (optional): answers credential prompts, or NULL (as cv_connect_open())
 * @opaque: passed to @cb
 * @free_opaque: (optional): called with @opaque before this returns
 * @flags: as for cv_connect_open()
 *
 * cv_connect_open() with a way to answer prompts. Remote URIs try, in order
 * (or the order of the URI's sshauth= list): ssh-agent, the keyfile= key (its
 * passphrase from @cb), then password and keyboard-interactive from @cb.
 *
 * Returns: a new connection, or NULL with cv_error_last() set
 * (CV_ERR_AUTH when every method failed).
 *
 * Since: 0.1
 */
CV_API cv_connect *cv_connect_open_auth(const char *uri, cv_auth_cb cb, void *opaque,
                                        cv_free_cb free_opaque, unsigned int flags);

#ifdef __cplusplus
}
#endif

#endif /* CLOUDVIRT_CV_AUTH_H */
