/*
 * The server loop behind cloudvirtd.
 *
 * One reader (the thread that called cv_rpc_server_run) reads frames; calls
 * that change state or may wait run on a small thread pool so that one slow
 * call does not stall the others; read-only queries, pings, the open call,
 * stream setup and data run inline, so
 * upload data is written in the order it came and reading stops while the
 * disk is busy (the SSH window then throttles the client). A download runs
 * on its own thread and sends only as much as the client has credited.
 *
 * Every byte is hostile: frames are size-checked before allocation, bodies
 * type-checked against the procedure's signature before use, and every
 * failure answered with an error reply, except an oversized or truncated
 * frame, after which the stream cannot be resynchronized: then we stop.
 *
 * Locking: srv->lock protects streams, downloads and the conn pointer's
 * publication; srv->write_lock serializes whole frames on out_fd.
 */
#include <config.h>

#include <string.h>

#include "core/error.h"
#include "core/object.h"
#include "rpc/client.h"
#include "rpc/protocol.h"
#include "rpc/server.h"

typedef struct {
    guint32 serial;
    gboolean upload;
    cv_stream *local;
    /* upload */
    gboolean failed;            /* final error already sent */
    /* download, under srv->lock */
    guint64 credit;
    gboolean aborted;
} srv_stream;

typedef struct {
    int in_fd, out_fd;
    const char *uri;
    cv_connect *conn;
    int event_id;
    GMutex lock;
    GCond cond;
    GMutex write_lock;
    GHashTable *streams;        /* serial -> srv_stream* (owned) */
    guint downloads;            /* download threads running */
    GThreadPool *pool;
    gboolean write_failed;
} srv;

typedef struct {
    srv *s;
    guint32 serial;
    guint32 proc;
    GVariant *args;
} srv_job;

typedef struct {
    srv *s;
    srv_stream *st;
} dl_arg;

static void
srv_send(srv *s, guint32 proc, guint32 type, guint32 serial, guint32 status,
         GVariant *body)
{
    cv_rpc_header h = { CV_RPC_PROGRAM, CV_RPC_VERSION, proc, type, serial, status };
    g_autoptr(GBytes) frame = cv_rpc_encode(&h, body);

    if (!frame) {
        /* Our own reply is too big: tell the client instead. */
        h.status = CV_RPC_ERROR;
        frame = cv_rpc_encode(&h, cv_rpc_error_body());
    }
    g_mutex_lock(&s->write_lock);
    if (!s->write_failed && cv_rpc_frame_write(s->out_fd, frame) < 0)
        s->write_failed = TRUE;     /* the client is gone; the reader sees EOF */
    g_mutex_unlock(&s->write_lock);
}

static void
srv_reply(srv *s, guint32 proc, guint32 serial, GVariant *body)
{
    if (body)
        srv_send(s, proc, CV_RPC_REPLY, serial, CV_RPC_OK, body);
    else
        srv_send(s, proc, CV_RPC_REPLY, serial, CV_RPC_ERROR, cv_rpc_error_body());
}

static void
srv_reply_error(srv *s, guint32 proc, guint32 serial, cv_error_code code,
                const char *fmt, ...) G_GNUC_PRINTF(5, 6);

static void
srv_reply_error(srv *s, guint32 proc, guint32 serial, cv_error_code code,
                const char *fmt, ...)
{
    va_list ap;
    g_autofree char *msg = NULL;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    cv_error_set(code, CV_FROM_RPC, "%s", msg);
    srv_reply(s, proc, serial, NULL);
}

static void
on_domain_event(cv_connect *conn, cv_domain *dom, int event, int detail, void *opaque)
{
    srv *s = opaque;

    srv_send(s, CV_RPC_EVENT_DOMAIN, CV_RPC_EVENT, 0, CV_RPC_OK,
             g_variant_new("(s@ayii)", dom->name,
                           g_variant_new_fixed_array(G_VARIANT_TYPE_BYTE, dom->uuid,
                                                     CV_UUID_BUFLEN, 1),
                           event, detail));
}

static void
job_run(gpointer data, gpointer user_data)
{
    srv_job *job = data;
    GVariant *reply;

    cv_error_reset();
    reply = cv_rpc_server_dispatch(job->s->conn, job->proc, job->args);
    srv_reply(job->s, job->proc, job->serial, reply);
    g_variant_unref(job->args);
    g_free(job);
}

static void
srv_stream_free(gpointer data)
{
    srv_stream *st = data;

    cv_stream_free(st->local);
    g_free(st);
}

/* Sends the download, paced by the client's credit. */
static gpointer
download_main(gpointer data)
{
    dl_arg *a = data;
    srv *s = a->s;
    srv_stream *st = a->st;
    char *buf = g_malloc(CV_RPC_STREAM_CHUNK);
    gboolean ok = FALSE;

    g_free(a);
    for (;;) {
        gint64 n;

        g_mutex_lock(&s->lock);
        while (st->credit == 0 && !st->aborted)
            g_cond_wait(&s->cond, &s->lock);
        if (st->aborted) {
            g_mutex_unlock(&s->lock);
            cv_stream_abort(st->local);
            cv_error_set(CV_ERR_OPERATION_FAILED, CV_FROM_RPC,
                         "the download was aborted");
            break;
        }
        g_mutex_unlock(&s->lock);

        n = cv_stream_recv(st->local, buf, CV_RPC_STREAM_CHUNK);
        if (n < 0)
            break;
        if (n == 0) {
            srv_send(s, CV_RPC_STREAM_END, CV_RPC_STREAM, st->serial, CV_RPC_OK, NULL);
            ok = cv_stream_finish(st->local) == 0;
            break;
        }
        srv_send(s, CV_RPC_STREAM_DATA, CV_RPC_STREAM, st->serial, CV_RPC_OK,
                 g_variant_new_fixed_array(G_VARIANT_TYPE_BYTE, buf, n, 1));
        g_mutex_lock(&s->lock);
        st->credit = st->credit > (guint64)n ? st->credit - n : 0;
        g_mutex_unlock(&s->lock);
    }
    srv_reply(s, CV_PROC_VOLUME_DOWNLOAD, st->serial, ok ? g_variant_new("()") : NULL);
    g_free(buf);
    g_mutex_lock(&s->lock);
    g_hash_table_remove(s->streams, GUINT_TO_POINTER(st->serial));
    s->downloads--;
    g_cond_broadcast(&s->cond);
    g_mutex_unlock(&s->lock);
    return NULL;
}

static void
stream_open(srv *s, const cv_rpc_header *h, GVariant *args)
{
    g_autoptr(GVariant) volv = NULL;
    g_autoptr(cv_volume) vol = NULL;
    guint64 offset, length;
    guint32 flags;
    gboolean upload = h->procedure == CV_PROC_VOLUME_UPLOAD;
    srv_stream *st;
    cv_stream *local;
    gboolean busy;

    g_mutex_lock(&s->lock);
    busy = g_hash_table_contains(s->streams, GUINT_TO_POINTER(h->serial));
    g_mutex_unlock(&s->lock);
    if (busy) {
        srv_reply_error(s, h->procedure, h->serial, CV_ERR_RPC,
                        "serial %u already names an open stream", h->serial);
        return;
    }
    g_variant_get(args, "(@(sss)ttu)", &volv, &offset, &length, &flags);
    vol = cv_rpc_server_volume_arg(s->conn, volv);
    local = upload ? cv_volume_upload(vol, offset, length, flags)
                   : cv_volume_download(vol, offset, length, flags);
    if (!local) {
        srv_reply(s, h->procedure, h->serial, NULL);
        return;
    }
    st = g_new0(srv_stream, 1);
    st->serial = h->serial;
    st->upload = upload;
    st->local = local;
    st->credit = CV_RPC_STREAM_WINDOW;
    g_mutex_lock(&s->lock);
    g_hash_table_insert(s->streams, GUINT_TO_POINTER(st->serial), st);
    if (!upload)
        s->downloads++;
    g_mutex_unlock(&s->lock);
    /* The reply goes before any data, so the client knows the stream. */
    srv_reply(s, h->procedure, h->serial, g_variant_new("()"));
    if (!upload) {
        dl_arg *a = g_new0(dl_arg, 1);
        a->s = s;
        a->st = st;
        g_thread_unref(g_thread_new("cv-download", download_main, a));
    }
}

static void
stream_frame(srv *s, const cv_rpc_header *h, GVariant *body)
{
    srv_stream *st;

    g_mutex_lock(&s->lock);
    st = g_hash_table_lookup(s->streams, GUINT_TO_POINTER(h->serial));
    if (st && !st->upload) {
        if (h->procedure == CV_RPC_STREAM_CREDIT && cv_rpc_body_is(body, "(t)")) {
            guint64 more;
            g_variant_get(body, "(t)", &more);
            /* Never more than one window ahead, whatever the client says. */
            st->credit = MIN(st->credit + more, (guint64)CV_RPC_STREAM_WINDOW);
        } else if (h->procedure == CV_RPC_STREAM_ABORT) {
            st->aborted = TRUE;
        }
        g_cond_broadcast(&s->cond);
        g_mutex_unlock(&s->lock);
        return;
    }
    g_mutex_unlock(&s->lock);
    if (!st) {
        /* Late data for a stream that already failed: not worth a reply. */
        return;
    }
    switch (h->procedure) {
    case CV_RPC_STREAM_DATA:
        if (!cv_rpc_body_is(body, "ay")) {
            st->failed = TRUE;
            cv_stream_abort(st->local);
            srv_reply_error(s, CV_PROC_VOLUME_UPLOAD, st->serial, CV_ERR_RPC,
                            "upload data has type %s, not ay",
                            g_variant_get_type_string(body));
        } else if (!st->failed) {
            gsize n;
            const char *p = g_variant_get_fixed_array(body, &n, 1);
            if (cv_stream_send(st->local, p, n) < 0) {
                st->failed = TRUE;
                srv_reply(s, CV_PROC_VOLUME_UPLOAD, st->serial, NULL);
            }
        }
        return;
    case CV_RPC_STREAM_END:
        if (!st->failed)
            srv_reply(s, CV_PROC_VOLUME_UPLOAD, st->serial,
                      cv_stream_finish(st->local) == 0 ? g_variant_new("()") : NULL);
        break;
    case CV_RPC_STREAM_ABORT:
        if (!st->failed) {
            cv_stream_abort(st->local);
            srv_reply_error(s, CV_PROC_VOLUME_UPLOAD, st->serial,
                            CV_ERR_OPERATION_FAILED, "the upload was aborted");
        }
        break;
    default:
        return;
    }
    g_mutex_lock(&s->lock);
    g_hash_table_remove(s->streams, GUINT_TO_POINTER(h->serial));
    g_mutex_unlock(&s->lock);
}

/* Read-only lookups and getters; everything that changes state or may
 * wait (start, shutdown, create...) goes to the pool. */
static gboolean
proc_is_query(guint32 proc)
{
    switch (proc) {
    case CV_PROC_CONNECT_GET_HOSTNAME:
    case CV_PROC_CONNECT_GET_VERSION:
    case CV_PROC_CONNECT_IS_ALIVE:
    case CV_PROC_DOMAIN_GET_AUTOSTART:
    case CV_PROC_DOMAIN_LOOKUP_BY_NAME:
    case CV_PROC_DOMAIN_LOOKUP_BY_UUID:
    case CV_PROC_DOMAIN_LOOKUP_BY_ID:
    case CV_PROC_DOMAIN_GET_ID:
    case CV_PROC_DOMAIN_GET_INFO:
    case CV_PROC_DOMAIN_GET_STATE:
    case CV_PROC_DOMAIN_IS_ACTIVE:
    case CV_PROC_DOMAIN_IS_PERSISTENT:
    case CV_PROC_NETWORK_LOOKUP_BY_NAME:
    case CV_PROC_NETWORK_LOOKUP_BY_UUID:
    case CV_PROC_NETWORK_IS_ACTIVE:
    case CV_PROC_NETWORK_IS_PERSISTENT:
    case CV_PROC_NETWORK_GET_AUTOSTART:
    case CV_PROC_POOL_LOOKUP_BY_NAME:
    case CV_PROC_POOL_IS_ACTIVE:
    case CV_PROC_VOLUME_LOOKUP_BY_NAME:
    case CV_PROC_VOLUME_GET_PATH:
        return TRUE;
    default:
        return FALSE;
    }
}

static void
handle_call(srv *s, const cv_rpc_header *h, GVariant *body)
{
    const cv_rpc_proc_info *info = cv_rpc_proc_lookup(h->procedure);

    if (!info) {
        srv_reply_error(s, h->procedure, h->serial, CV_ERR_RPC,
                        "unknown procedure %u (a newer client?)", h->procedure);
        return;
    }
    if (!cv_rpc_body_is(body, info->args)) {
        srv_reply_error(s, h->procedure, h->serial, CV_ERR_RPC,
                        "arguments of %s have type %s, expected %s", info->name,
                        g_variant_get_type_string(body), info->args);
        return;
    }
    if (h->procedure == CV_PROC_PING) {
        srv_reply(s, h->procedure, h->serial, g_variant_new("()"));
        return;
    }
    if (h->procedure == CV_PROC_CONNECT_OPEN) {
        guint32 flags;

        if (s->conn) {
            srv_reply_error(s, h->procedure, h->serial, CV_ERR_OPERATION_INVALID,
                            "the connection is already open");
            return;
        }
        g_variant_get(body, "(u)", &flags);
        s->conn = cv_connect_open(s->uri, flags);
        if (s->conn)
            s->event_id = cv_connect_domain_event_register(s->conn, NULL,
                                                           on_domain_event, s,
                                                           NULL, 0);
        srv_reply(s, h->procedure, h->serial, s->conn ? g_variant_new("()") : NULL);
        return;
    }
    if (!s->conn) {
        srv_reply_error(s, h->procedure, h->serial, CV_ERR_OPERATION_INVALID,
                        "%s before connect_open", info->name);
        return;
    }
    if (h->procedure == CV_PROC_VOLUME_UPLOAD || h->procedure == CV_PROC_VOLUME_DOWNLOAD) {
        stream_open(s, h, body);
        return;
    }
    if (proc_is_query(h->procedure)) {
        /* Queries answer at once from driver state: running them here
         * saves two thread hand-offs per call, most of a call's cost. */
        GVariant *reply;

        cv_error_reset();
        reply = cv_rpc_server_dispatch(s->conn, h->procedure, body);
        srv_reply(s, h->procedure, h->serial, reply);
        return;
    }
    {
        srv_job *job = g_new0(srv_job, 1);

        job->s = s;
        job->serial = h->serial;
        job->proc = h->procedure;
        job->args = g_variant_ref(body);
        g_thread_pool_push(s->pool, job, NULL);
    }
}

int
cv_rpc_server_run(int in_fd, int out_fd, const char *uri)
{
    srv s = { 0 };
    int ret = 0;

    s.in_fd = in_fd;
    s.out_fd = out_fd;
    s.uri = uri;
    s.event_id = -1;
    g_mutex_init(&s.lock);
    g_cond_init(&s.cond);
    g_mutex_init(&s.write_lock);
    s.streams = g_hash_table_new_full(NULL, NULL, NULL, srv_stream_free);
    s.pool = g_thread_pool_new(job_run, &s, 4, FALSE, NULL);

    for (;;) {
        g_autoptr(GBytes) payload = NULL;
        g_autoptr(GVariant) body = NULL;
        cv_rpc_header h;
        int r = cv_rpc_frame_read(in_fd, CV_RPC_MAX_FRAME, &payload);

        if (r == 0)
            break;
        if (r < 0) {
            /* Oversized or cut-off frame: answer if we can, then stop. */
            if (cv_error_last_code() == CV_ERR_RPC)
                srv_reply(&s, 0, 0, NULL);
            ret = 1;
            break;
        }
        if (cv_rpc_decode(payload, &h, &body) < 0) {
            srv_reply(&s, h.procedure, h.serial, NULL);
            continue;
        }
        if (h.type == CV_RPC_CALL)
            handle_call(&s, &h, body);
        else if (h.type == CV_RPC_STREAM)
            stream_frame(&s, &h, body);
        else
            srv_reply_error(&s, h.procedure, h.serial, CV_ERR_RPC,
                            "a client may not send messages of type %u", h.type);
    }

    /* The client is gone: finish running calls, drop queued ones, stop
     * transfers, and release everything it opened. */
    g_thread_pool_free(s.pool, TRUE, TRUE);
    g_mutex_lock(&s.lock);
    {
        GHashTableIter it;
        gpointer v;

        g_hash_table_iter_init(&it, s.streams);
        while (g_hash_table_iter_next(&it, NULL, &v))
            ((srv_stream *)v)->aborted = TRUE;
        g_cond_broadcast(&s.cond);
        while (s.downloads > 0)
            g_cond_wait(&s.cond, &s.lock);
        g_hash_table_iter_init(&it, s.streams);
        while (g_hash_table_iter_next(&it, NULL, &v))
            cv_stream_abort(((srv_stream *)v)->local);
    }
    g_mutex_unlock(&s.lock);
    g_hash_table_unref(s.streams);
    if (s.conn) {
        if (s.event_id >= 0)
            cv_connect_domain_event_deregister(s.conn, s.event_id);
        cv_connect_close(s.conn);
    }
    g_mutex_clear(&s.write_lock);
    g_cond_clear(&s.cond);
    g_mutex_clear(&s.lock);
    return ret;
}
