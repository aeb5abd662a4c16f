/*
 * The RPC client (see client.h for the model).
 *
 * Locking: c->lock protects the call and stream tables, the dead flag and
 * every pending/stream field the reader fills in. c->write_lock serializes
 * whole frames on the descriptor; it is never taken while holding c->lock,
 * and nobody waits on a reply while holding it.
 *
 * Invariant: once c->dead is set, no pending call or stream will ever be
 * completed by the reader, so everything waiting is woken with an error and
 * nothing new is registered.
 */
#include <config.h>

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cloudvirt/cloudvirt.h>

#include "core/error.h"
#include "rpc/client.h"

typedef struct {
    GCond cond;
    gboolean done;
    guint32 status;
    GVariant *body;
} pending;

struct cv_rpc_stream {
    cv_rpc_client *c;
    guint32 serial;
    gboolean upload;
    GCond cond;
    /* Filled by the reader under c->lock. */
    GQueue chunks;          /* GBytes* of download data */
    gsize chunk_off;        /* consumed bytes of the head chunk */
    gboolean end;           /* the server sent END */
    gboolean finished;      /* the server's final reply arrived */
    guint32 final_status;
    GVariant *final_body;
    gsize uncredited;       /* bytes consumed but not yet credited */
};

#define RBUF_SIZE (64u << 10)

struct cv_rpc_client {
    cv_rpc_io io;
    guint8 *rbuf;           /* reader's buffer: bytes [rstart, rend) unread */
    gsize rstart, rend;
    GMutex lock;
    GMutex write_lock;
    GHashTable *calls;      /* serial -> pending* (borrowed) */
    GHashTable *streams;    /* serial -> cv_rpc_stream* (borrowed) */
    guint32 next_serial;
    gboolean dead;
    char *dead_reason;
    gint64 last_rx;         /* monotonic us: last frame received */
    gpointer last_tx;       /* gint64 as pointer, atomic: last frame fully
                             * handed to the transport */
    GThread *reader;
    GThread *keepalive;
    GCond ka_cond;
    gboolean closing;
    guint ka_ms, ka_count;
    cv_rpc_event_fn event_fn;
    void *event_opaque;
};

static int
client_writev(cv_rpc_client *c, const struct iovec *iov, int n)
{
    int r;

    g_mutex_lock(&c->write_lock);
    r = c->io.writev(c->io.t, iov, n, 0);
    g_mutex_unlock(&c->write_lock);
    /* A write that completes means the transport drains, which it only
     * does while the peer opens its window: a sign of life during long
     * uploads, when the server has nothing to say. */
    if (r == 0)
        g_atomic_pointer_set(&c->last_tx, GSIZE_TO_POINTER((gsize)g_get_monotonic_time()));
    else
        cv_error_set(CV_ERR_CONNECTION_CLOSED, CV_FROM_RPC,
                     "sending to the remote cloudvirtd failed");
    return r < 0 ? -1 : 0;
}

static int
client_write(cv_rpc_client *c, guint32 proc, guint32 type, guint32 serial,
             GVariant *body)
{
    cv_rpc_header h = { CV_RPC_PROGRAM, CV_RPC_VERSION, proc, type, serial, CV_RPC_OK };
    g_autoptr(GBytes) frame = cv_rpc_encode(&h, body);
    struct iovec iov;
    gsize len;

    if (!frame)
        return -1;
    iov.iov_base = (void *)g_bytes_get_data(frame, &len);
    iov.iov_len = len;
    return client_writev(c, &iov, 1);
}

/* Stream data goes out without being copied into a GVariant first. */
static int
client_write_data(cv_rpc_client *c, guint32 serial, const char *data, gsize len)
{
    cv_rpc_header h = { CV_RPC_PROGRAM, CV_RPC_VERSION, CV_RPC_STREAM_DATA,
                        CV_RPC_STREAM, serial, CV_RPC_OK };
    guint8 head[CV_RPC_DATA_HEAD];
    struct iovec iov[3] = {
        { head, sizeof(head) },
        { (void *)data, len },
        { (void *)cv_rpc_data_tail, CV_RPC_DATA_TAIL },
    };

    cv_rpc_encode_data_head(&h, len, head);
    return client_writev(c, iov, 3);
}

/* Fills @dst from the stream: 1, 0 at a clean end before any byte, -1. */
static int
read_exact(cv_rpc_client *c, guint8 *dst, gsize n, gboolean frame_start)
{
    gsize done = 0;

    while (done < n) {
        gssize r;

        if (c->rstart < c->rend) {
            gsize k = MIN(n - done, c->rend - c->rstart);
            memcpy(dst + done, c->rbuf + c->rstart, k);
            c->rstart += k;
            done += k;
            continue;
        }
        /* Big reads go straight to their destination. */
        if (n - done >= RBUF_SIZE) {
            r = c->io.read(c->io.t, dst + done, n - done);
            if (r > 0) {
                done += r;
                continue;
            }
        } else {
            r = c->io.read(c->io.t, c->rbuf, RBUF_SIZE);
            if (r > 0) {
                c->rstart = 0;
                c->rend = r;
                continue;
            }
        }
        return r == 0 && done == 0 && frame_start ? 0 : -1;
    }
    return 1;
}

/* One frame's payload: 1, 0 at a clean end, -1 with the error set. */
static int
read_frame(cv_rpc_client *c, GBytes **out)
{
    guint8 prefix[4];
    guint32 len;
    guint8 *buf;
    int r = read_exact(c, prefix, 4, TRUE);

    if (r <= 0) {
        if (r < 0)
            cv_error_set(CV_ERR_CONNECTION_CLOSED, CV_FROM_RPC,
                         "the connection ended inside a frame header");
        return r;
    }
    len = (guint32)prefix[0] << 24 | (guint32)prefix[1] << 16 |
          (guint32)prefix[2] << 8 | prefix[3];
    if (len == 0 || len > CV_RPC_MAX_FRAME)
        return cv_error_set(CV_ERR_RPC, CV_FROM_RPC,
                            "the server announced a frame of %u bytes; the limit "
                            "is %u", len, CV_RPC_MAX_FRAME);
    buf = g_malloc(len);
    if (read_exact(c, buf, len, FALSE) < 0) {
        g_free(buf);
        return cv_error_set(CV_ERR_CONNECTION_CLOSED, CV_FROM_RPC,
                            "the connection ended inside a %u-byte frame", len);
    }
    *out = g_bytes_new_take(buf, len);
    return 1;
}

/* Sets the error for a dead connection; call with c->lock held. */
static int
dead_error(cv_rpc_client *c)
{
    return cv_error_set(CV_ERR_CONNECTION_CLOSED, CV_FROM_RPC,
                        "the connection to the remote cloudvirtd is gone (%s); "
                        "open a new connection", c->dead_reason ? c->dead_reason
                                                                : "closed");
}

/* Declares the connection dead and wakes everyone; c->lock held. */
static void
mark_dead_locked(cv_rpc_client *c, const char *reason)
{
    GHashTableIter it;
    gpointer v;

    if (c->dead)
        return;
    c->dead = TRUE;
    c->dead_reason = g_strdup(reason);
    g_hash_table_iter_init(&it, c->calls);
    while (g_hash_table_iter_next(&it, NULL, &v))
        g_cond_signal(&((pending *)v)->cond);
    g_hash_table_iter_init(&it, c->streams);
    while (g_hash_table_iter_next(&it, NULL, &v))
        g_cond_broadcast(&((cv_rpc_stream *)v)->cond);
    g_cond_broadcast(&c->ka_cond);
    /* Writers blocked on a full transport get an error instead of hanging. */
    c->io.shutdown(c->io.t);
}

static void
handle_stream_frame(cv_rpc_client *c, const cv_rpc_header *h, GVariant *body)
{
    cv_rpc_stream *s = g_hash_table_lookup(c->streams, GUINT_TO_POINTER(h->serial));

    if (!s)
        return;     /* a stream we already dropped */
    if (h->procedure == CV_RPC_STREAM_DATA && cv_rpc_body_is(body, "ay")) {
        GBytes *b = g_variant_get_data_as_bytes(body);
        if (g_bytes_get_size(b) > 0)
            g_queue_push_tail(&s->chunks, b);
        else
            g_bytes_unref(b);
    } else if (h->procedure == CV_RPC_STREAM_END) {
        s->end = TRUE;
    }
    g_cond_broadcast(&s->cond);
}

static gpointer
reader_main(gpointer data)
{
    cv_rpc_client *c = data;
    g_autofree char *reason = NULL;

    for (;;) {
        g_autoptr(GBytes) payload = NULL;
        g_autoptr(GVariant) body = NULL;
        cv_rpc_header h;
        int r = read_frame(c, &payload);

        if (r <= 0) {
            g_autofree char *why = c->io.why(c->io.t);
            if (r == 0)
                reason = g_strdup(why ? why : "the remote side closed the connection");
            else
                reason = g_strdup_printf("%s%s%s", cv_error_last()->message,
                                         why ? "; " : "", why ? why : "");
            break;
        }
        if (cv_rpc_decode(payload, &h, &body) < 0) {
            /* The peer broke the protocol: nothing after this can be
             * trusted to line up. */
            reason = g_strdup(cv_error_last()->message);
            break;
        }
        g_mutex_lock(&c->lock);
        c->last_rx = g_get_monotonic_time();
        if (h.type == CV_RPC_REPLY) {
            pending *p = g_hash_table_lookup(c->calls, GUINT_TO_POINTER(h.serial));
            if (p) {
                g_hash_table_remove(c->calls, GUINT_TO_POINTER(h.serial));
                p->done = TRUE;
                p->status = h.status;
                p->body = g_steal_pointer(&body);
                g_cond_signal(&p->cond);
            } else {
                cv_rpc_stream *s = g_hash_table_lookup(c->streams,
                                                       GUINT_TO_POINTER(h.serial));
                if (s && !s->finished) {
                    s->finished = TRUE;
                    s->final_status = h.status;
                    s->final_body = g_steal_pointer(&body);
                    g_cond_broadcast(&s->cond);
                }
            }
            g_mutex_unlock(&c->lock);
        } else if (h.type == CV_RPC_STREAM) {
            handle_stream_frame(c, &h, body);
            g_mutex_unlock(&c->lock);
        } else if (h.type == CV_RPC_EVENT) {
            g_mutex_unlock(&c->lock);
            if (c->event_fn)
                c->event_fn(h.procedure, body, c->event_opaque);
        } else {
            g_mutex_unlock(&c->lock);
        }
    }
    g_mutex_lock(&c->lock);
    mark_dead_locked(c, reason);
    g_mutex_unlock(&c->lock);
    return NULL;
}

/* Sends a ping when the line has been quiet, and gives up on a peer that
 * stays silent: a stopped or unplugged host sends no FIN, so without this
 * every call would wait forever. */
static gpointer
keepalive_main(gpointer data)
{
    cv_rpc_client *c = data;
    gint64 interval = (gint64)c->ka_ms * 1000;

    g_mutex_lock(&c->lock);
    while (!c->closing && !c->dead) {
        gint64 now = g_get_monotonic_time();
        gint64 tx = (gint64)GPOINTER_TO_SIZE(g_atomic_pointer_get(&c->last_tx));
        gint64 quiet = now - MAX(c->last_rx, tx);

        if (quiet >= interval * c->ka_count) {
            g_autofree char *why = g_strdup_printf(
                "no answer from the remote side for %.1f s (keepalive)",
                quiet / 1e6);
            mark_dead_locked(c, why);
            break;
        }
        if (quiet >= interval) {
            g_mutex_unlock(&c->lock);
            /* Only if the line is free: a writer stuck on a full socket is
             * itself a sign of the stall that the timeout above catches. */
            if (g_mutex_trylock(&c->write_lock)) {
                cv_rpc_header h = { CV_RPC_PROGRAM, CV_RPC_VERSION, CV_PROC_PING,
                                    CV_RPC_CALL, 0, CV_RPC_OK };
                g_autoptr(GBytes) frame = cv_rpc_encode(&h, NULL);
                struct iovec iov;
                gsize len;

                iov.iov_base = (void *)g_bytes_get_data(frame, &len);
                iov.iov_len = len;
                /* Bounded: this thread is the one that must notice death. */
                c->io.writev(c->io.t, &iov, 1, g_get_monotonic_time() + interval);
                g_mutex_unlock(&c->write_lock);
            }
            g_mutex_lock(&c->lock);
        }
        g_cond_wait_until(&c->ka_cond, &c->lock,
                          g_get_monotonic_time() + MAX(interval / 4, 50000));
    }
    g_mutex_unlock(&c->lock);
    return NULL;
}

cv_rpc_client *
cv_rpc_client_new(const cv_rpc_io *io, cv_rpc_event_fn event_fn, void *event_opaque,
                  guint keepalive_ms, guint keepalive_count)
{
    cv_rpc_client *c = g_new0(cv_rpc_client, 1);

    c->io = *io;
    c->rbuf = g_malloc(RBUF_SIZE);
    g_mutex_init(&c->lock);
    g_mutex_init(&c->write_lock);
    g_cond_init(&c->ka_cond);
    c->calls = g_hash_table_new(NULL, NULL);
    c->streams = g_hash_table_new(NULL, NULL);
    c->next_serial = 1;
    c->last_rx = g_get_monotonic_time();
    c->event_fn = event_fn;
    c->event_opaque = event_opaque;
    c->ka_ms = keepalive_ms;
    c->ka_count = MAX(keepalive_count, 1);
    c->reader = g_thread_new("cv-rpc-reader", reader_main, c);
    if (keepalive_ms)
        c->keepalive = g_thread_new("cv-rpc-keepalive", keepalive_main, c);
    return c;
}

/* Serial 0 is never used: it addresses "no call" in error replies. */
static guint32
next_serial_locked(cv_rpc_client *c)
{
    guint32 s;

    do {
        s = c->next_serial++;
    } while (s == 0 || g_hash_table_contains(c->calls, GUINT_TO_POINTER(s)) ||
             g_hash_table_contains(c->streams, GUINT_TO_POINTER(s)));
    return s;
}

static int
call_with_serial(cv_rpc_client *c, guint32 proc, guint32 serial, GVariant *args,
                 GVariant **reply)
{
    const cv_rpc_proc_info *info = cv_rpc_proc_lookup(proc);
    pending p = { 0 };
    int ret = -1;

    g_cond_init(&p.cond);
    if (!args)
        args = g_variant_new("()");
    g_variant_ref_sink(args);
    g_mutex_lock(&c->lock);
    if (c->dead) {
        dead_error(c);
        g_mutex_unlock(&c->lock);
        goto out;
    }
    g_hash_table_insert(c->calls, GUINT_TO_POINTER(serial), &p);
    g_mutex_unlock(&c->lock);

    if (client_write(c, proc, CV_RPC_CALL, serial, args) < 0) {
        g_mutex_lock(&c->lock);
        g_hash_table_remove(c->calls, GUINT_TO_POINTER(serial));
        if (c->dead)
            dead_error(c);
        g_mutex_unlock(&c->lock);
        goto out;
    }
    g_mutex_lock(&c->lock);
    while (!p.done && !c->dead)
        g_cond_wait(&p.cond, &c->lock);
    if (!p.done) {
        g_hash_table_remove(c->calls, GUINT_TO_POINTER(serial));
        dead_error(c);
        g_mutex_unlock(&c->lock);
        goto out;
    }
    g_mutex_unlock(&c->lock);

    if (p.status == CV_RPC_ERROR) {
        cv_rpc_error_raise(p.body);
    } else if (!cv_rpc_body_is(p.body, info->reply)) {
        cv_error_set(CV_ERR_RPC, CV_FROM_RPC,
                     "the reply to %s has type %s, expected %s (mismatched "
                     "cloudvirt versions?)", info->name,
                     g_variant_get_type_string(p.body), info->reply);
    } else {
        if (reply)
            *reply = g_variant_ref(p.body);
        ret = 0;
    }
out:
    if (p.body)
        g_variant_unref(p.body);
    g_variant_unref(args);
    g_cond_clear(&p.cond);
    return ret;
}

int
cv_rpc_client_call(cv_rpc_client *c, guint32 proc, GVariant *args, GVariant **reply)
{
    guint32 serial;

    g_mutex_lock(&c->lock);
    serial = next_serial_locked(c);
    g_mutex_unlock(&c->lock);
    return call_with_serial(c, proc, serial, args, reply);
}

gboolean
cv_rpc_client_is_alive(cv_rpc_client *c)
{
    gboolean alive;

    g_mutex_lock(&c->lock);
    alive = !c->dead;
    g_mutex_unlock(&c->lock);
    return alive;
}

void
cv_rpc_client_free(cv_rpc_client *c)
{
    if (!c)
        return;
    g_mutex_lock(&c->lock);
    c->closing = TRUE;
    mark_dead_locked(c, "the connection was closed by this program");
    g_mutex_unlock(&c->lock);
    g_thread_join(c->reader);
    if (c->keepalive)
        g_thread_join(c->keepalive);
    g_free(c->rbuf);
    g_hash_table_unref(c->calls);
    g_hash_table_unref(c->streams);
    g_free(c->dead_reason);
    g_cond_clear(&c->ka_cond);
    g_mutex_clear(&c->write_lock);
    g_mutex_clear(&c->lock);
    g_free(c);
}

/* ---- streams ---- */

cv_rpc_stream *
cv_rpc_stream_open(cv_rpc_client *c, guint32 proc, GVariant *args, gboolean upload)
{
    cv_rpc_stream *s = g_new0(cv_rpc_stream, 1);

    s->c = c;
    s->upload = upload;
    g_cond_init(&s->cond);
    g_queue_init(&s->chunks);
    /* Registered before the call goes out: download data may follow the
     * reply immediately. */
    g_mutex_lock(&c->lock);
    s->serial = next_serial_locked(c);
    g_hash_table_insert(c->streams, GUINT_TO_POINTER(s->serial), s);
    g_mutex_unlock(&c->lock);
    if (call_with_serial(c, proc, s->serial, args, NULL) < 0) {
        cv_error_saved *saved = cv_error_save();
        cv_rpc_stream_free(s);
        cv_error_restore(saved);
        return NULL;
    }
    return s;
}

/* The server's verdict once it is known; c->lock held. */
static int
stream_final_locked(cv_rpc_stream *s)
{
    if (s->final_status == CV_RPC_ERROR)
        return cv_rpc_error_raise(s->final_body);
    return 0;
}

int
cv_rpc_stream_send(cv_rpc_stream *s, const char *data, gsize len)
{
    cv_rpc_client *c = s->c;

    while (len > 0) {
        gsize n = MIN(len, CV_RPC_STREAM_CHUNK);

        g_mutex_lock(&c->lock);
        if (s->finished) {
            /* The server failed (disk full...): say why, not just "no". */
            int r = s->final_status == CV_RPC_ERROR ? stream_final_locked(s)
                : cv_error_set(CV_ERR_RPC, CV_FROM_RPC,
                               "the server ended the upload early");
            g_mutex_unlock(&c->lock);
            return r;
        }
        if (c->dead) {
            int r = dead_error(c);
            g_mutex_unlock(&c->lock);
            return r;
        }
        g_mutex_unlock(&c->lock);
        if (client_write_data(c, s->serial, data, n) < 0) {
            g_mutex_lock(&c->lock);
            if (c->dead)
                dead_error(c);
            g_mutex_unlock(&c->lock);
            return -1;
        }
        data += n;
        len -= n;
    }
    return 0;
}

gssize
cv_rpc_stream_recv(cv_rpc_stream *s, char *buf, gsize len)
{
    cv_rpc_client *c = s->c;
    gsize got = 0;
    guint64 credit = 0;

    g_mutex_lock(&c->lock);
    while (g_queue_is_empty(&s->chunks) && !s->end && !s->finished && !c->dead)
        g_cond_wait(&s->cond, &c->lock);
    while (got < len && !g_queue_is_empty(&s->chunks)) {
        GBytes *b = g_queue_peek_head(&s->chunks);
        gsize blen;
        const char *p = g_bytes_get_data(b, &blen);
        gsize n = MIN(len - got, blen - s->chunk_off);

        memcpy(buf + got, p + s->chunk_off, n);
        got += n;
        s->chunk_off += n;
        if (s->chunk_off == blen) {
            g_bytes_unref(g_queue_pop_head(&s->chunks));
            s->chunk_off = 0;
        }
    }
    s->uncredited += got;
    if (s->uncredited >= CV_RPC_STREAM_WINDOW / 4) {
        credit = s->uncredited;
        s->uncredited = 0;
    }
    if (got == 0) {
        gssize r = 0;
        if (s->finished && s->final_status == CV_RPC_ERROR)
            r = stream_final_locked(s);
        else if (!s->end && c->dead)
            r = dead_error(c);
        g_mutex_unlock(&c->lock);
        return r;
    }
    g_mutex_unlock(&c->lock);
    if (credit &&
        client_write(c, CV_RPC_STREAM_CREDIT, CV_RPC_STREAM, s->serial,
                     g_variant_new("(t)", credit)) < 0)
        return -1;
    return got;
}

static int
stream_wait_final(cv_rpc_stream *s)
{
    cv_rpc_client *c = s->c;
    int r;

    g_mutex_lock(&c->lock);
    while (!s->finished && !c->dead)
        g_cond_wait(&s->cond, &c->lock);
    r = s->finished ? stream_final_locked(s) : dead_error(c);
    g_mutex_unlock(&c->lock);
    return r;
}

int
cv_rpc_stream_finish(cv_rpc_stream *s)
{
    if (s->upload &&
        client_write(s->c, CV_RPC_STREAM_END, CV_RPC_STREAM, s->serial, NULL) < 0) {
        g_mutex_lock(&s->c->lock);
        if (s->c->dead)
            dead_error(s->c);
        g_mutex_unlock(&s->c->lock);
        return -1;
    }
    if (!s->upload) {
        gboolean unread;

        g_mutex_lock(&s->c->lock);
        unread = !g_queue_is_empty(&s->chunks) || !s->end;
        g_mutex_unlock(&s->c->lock);
        if (unread && !s->finished)
            return cv_error_set(CV_ERR_OPERATION_INVALID, CV_FROM_RPC,
                                "the download is not finished: read until "
                                "cv_stream_recv() returns 0, or abort it");
    }
    return stream_wait_final(s);
}

int
cv_rpc_stream_abort(cv_rpc_stream *s)
{
    if (client_write(s->c, CV_RPC_STREAM_ABORT, CV_RPC_STREAM, s->serial, NULL) < 0)
        return -1;
    /* The verdict of an aborted transfer is "aborted": only wait for it so
     * that the serial is not reused while the server still knows it. */
    stream_wait_final(s);
    cv_error_reset();
    return 0;
}

void
cv_rpc_stream_free(cv_rpc_stream *s)
{
    if (!s)
        return;
    g_mutex_lock(&s->c->lock);
    g_hash_table_remove(s->c->streams, GUINT_TO_POINTER(s->serial));
    g_mutex_unlock(&s->c->lock);
    g_queue_clear_full(&s->chunks, (GDestroyNotify)g_bytes_unref);
    if (s->final_body)
        g_variant_unref(s->final_body);
    g_cond_clear(&s->cond);
    g_free(s);
}
