/*
 * Transports give the RPC client a plain file descriptor that speaks to
 * cloudvirtd, whatever is underneath. The SSH transport runs a pump thread
 * between a socketpair and the libssh2 channel, because libssh2 sessions
 * must not be used from several threads at once while the client reads and
 * writes from different threads.
 */
#pragma once

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

/* The descriptor to read and write frames on; owned by the transport. */
int cv_rpc_ssh_get_fd(cv_rpc_ssh *t);

/* Why the pump stopped, or NULL while it runs. Owned by the transport. */
char *cv_rpc_ssh_dup_failure(cv_rpc_ssh *t);

/* Stops the pump without waiting for the peer and frees everything. */
void cv_rpc_ssh_close(cv_rpc_ssh *t);
