/*
 * The RPC client: many threads call over one descriptor. Each call gets a
 * serial and waits for the reply with that serial; one reader thread reads
 * every frame and hands it to the waiting caller, the event callback or a
 * stream. A keepalive thread pings an idle peer and declares it dead when
 * nothing has arrived for interval * count; then, as when the transport
 * ends, every call in flight fails at once with CV_ERR_CONNECTION_CLOSED.
 */
#pragma once

#include <glib.h>

#include "rpc/protocol.h"
#include "rpc/transport.h"

typedef struct cv_rpc_client cv_rpc_client;
typedef struct cv_rpc_stream cv_rpc_stream;

/* Runs on the reader thread; must not block or call the client. */
typedef void (*cv_rpc_event_fn)(guint32 procedure, GVariant *body, void *opaque);

/*
 * Speaks over @io, which must outlive the client. @keepalive_ms 0 disables
 * keepalive.
 */
cv_rpc_client *cv_rpc_client_new(const cv_rpc_io *io, cv_rpc_event_fn event_fn,
                                 void *event_opaque, guint keepalive_ms,
                                 guint keepalive_count);

/*
 * Calls @procedure with @args (floating or NULL for "()"), waits for the
 * reply and checks its type against the procedure's reply signature.
 * Returns 0 with *reply (unless @reply is NULL), or -1 with the remote
 * error, or CV_ERR_CONNECTION_CLOSED / CV_ERR_RPC.
 */
int cv_rpc_client_call(cv_rpc_client *c, guint32 procedure, GVariant *args,
                       GVariant **reply);

gboolean cv_rpc_client_is_alive(cv_rpc_client *c);

/* Fails calls in flight, shuts the transport down, stops the threads. */
void cv_rpc_client_free(cv_rpc_client *c);

/*
 * Streams. Open calls @procedure (which must open a stream on the server)
 * and returns once the server accepted it.
 */
cv_rpc_stream *cv_rpc_stream_open(cv_rpc_client *c, guint32 procedure,
                                  GVariant *args, gboolean upload);
/* Upload: sends all of @data; -1 if the server already failed. */
int cv_rpc_stream_send(cv_rpc_stream *s, const char *data, gsize len);
/* Download: up to @len bytes; 0 at the end; -1 on error. */
gssize cv_rpc_stream_recv(cv_rpc_stream *s, char *buf, gsize len);
/* Ends the transfer and returns the server's verdict (0 or -1). */
int cv_rpc_stream_finish(cv_rpc_stream *s);
/* Tells the server to drop the transfer; returns 0 or -1. */
int cv_rpc_stream_abort(cv_rpc_stream *s);
void cv_rpc_stream_free(cv_rpc_stream *s);

/* Signatures of each procedure (procinfo.c). */
typedef struct {
    const char *name;
    const char *args;
    const char *reply;
} cv_rpc_proc_info;

/* NULL for an unknown procedure number. */
const cv_rpc_proc_info *cv_rpc_proc_lookup(guint32 procedure);
