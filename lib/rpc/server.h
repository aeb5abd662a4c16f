/*
 * The server side of the protocol, used by cloudvirtd: one client on a pair
 * of descriptors, one local connection opened through the public API.
 */
#pragma once

#include <glib.h>
#include <cloudvirt/cloudvirt.h>

/*
 * Serves until the client goes away or breaks the protocol beyond repair,
 * then releases everything the client opened. @uri is the local URI to
 * open (the client's CONNECT_OPEN only adds flags). Returns 0 when the
 * client went away normally, 1 after a fatal protocol error.
 */
int cv_rpc_server_run(int in_fd, int out_fd, const char *uri);

/*
 * Runs one call against @conn. @args has been checked against the
 * procedure's signature. Returns the reply body (floating), or NULL with
 * the error set. (server-dispatch.c)
 */
GVariant *cv_rpc_server_dispatch(cv_connect *conn, guint32 procedure, GVariant *args);

/* Handles from arguments; NULL with CV_ERR_RPC for a malformed UUID. */
cv_volume *cv_rpc_server_volume_arg(cv_connect *conn, GVariant *v);
