/*
 * Transports give the RPC client a byte stream to cloudvirtd: blocking read,
 * gathered write, and a shutdown that makes both return at once. The SSH
 * transport reads and writes the libssh2 channel directly from the calling
 * threads (no relay thread, no extra copy), serializing libssh2 with a lock
 * since a session must not be used by two threads at once.
 */
#pragma once

#include <sys/uio.h>

#include <glib.h>
#include <cloudvirt/cv-auth.h>

#include "core/uri.h"

typedef struct cv_rpc_ssh cv_rpc_ssh;

typedef struct {
    cv_auth_cb cb;      /* may be NULL */
    void *opaque;
} cv_rpc_auth;

/*
 * Connects to @uri's host and port (22), checks the host key, logs in and
 * runs @command there. URI parameters used: known_hosts=, no_verify=1,
 * keyfile=, sshauth= (comma list of agent, privkey, password,
 * keyboard-interactive). Returns NULL with CV_ERR_HOST_KEY, CV_ERR_AUTH,
 * CV_ERR_SYSTEM or CV_ERR_RPC.
 */
cv_rpc_ssh *cv_rpc_ssh_open(const cv_uri *uri, const char *command,
                            const cv_rpc_auth *auth);

/* Frees everything without waiting for the peer (it may be dead). Call
 * after the client using the transport is gone. */
void cv_rpc_ssh_close(cv_rpc_ssh *t);

/*
 * A byte stream as the client sees it. read blocks for at least one byte
 * and returns the count, 0 at the end, -1 on failure or after shutdown.
 * writev writes everything or fails (-1), giving up at @deadline
 * (monotonic us; 0: never) or after shutdown. Errors are not set: the
 * client asks why() once, when the stream ends.
 */
typedef struct {
    void *t;
    gssize (*read)(void *t, void *buf, gsize len);
    int (*writev)(void *t, const struct iovec *iov, int iovcnt, gint64 deadline);
    void (*shutdown)(void *t);
    char *(*why)(void *t);       /* a new string, or NULL */
} cv_rpc_io;

cv_rpc_io cv_rpc_ssh_io(cv_rpc_ssh *t);
/* Over a socket (tests); the caller closes @fd after the client is freed. */
cv_rpc_io cv_rpc_fd_io(int fd);
