/*
 * Event delivery.
 *
 * Drivers call cv_event_domain_emit(), which only queues. One library thread
 * ("cv-events") takes items off a single FIFO and either runs the
 * connection's callbacks itself or, when the program chose a GMainContext,
 * forwards the item there as an idle source. So callbacks never run inside
 * the call that raised the event, and events of one connection arrive in the
 * order they were raised.
 *
 * Every queued item holds a reference on its connection: a connection is
 * never freed under a pending or running callback, and the last reference
 * may be dropped by the delivery thread itself (then it closes there).
 *
 * Invariant for deregistration: state->lock protects the registration list,
 * running_id and running_thread; a callback runs with the lock released and
 * running_id set, and deregister waits on state->cond until running_id is no
 * longer the one it removes (unless the caller is that very callback).
 */
#include <config.h>

#include <string.h>

#include "core/check.h"
#include "core/event.h"
#include "core/object.h"

void cv_connect_unref_internal(cv_connect *conn);

typedef struct {
    int id;
    gboolean has_filter;
    unsigned char filter_uuid[CV_UUID_BUFLEN];
    cv_domain_event_cb cb;
    void *opaque;
    cv_free_cb free_opaque;
} event_reg;

struct cv_event_state {
    GMutex lock;
    GCond cond;
    GPtrArray *regs;          /* event_reg*, owned */
    int next_id;
    int running_id;           /* -1 when no callback runs */
    GThread *running_thread;
    GPtrArray *zombies;       /* regs removed by their own running callback */
    GMainContext *context;    /* NULL: deliver on the library thread */
    guint64 emitted;
    guint64 delivered;
};

typedef struct {
    cv_connect *conn;         /* referenced */
    char *name;
    unsigned char uuid[CV_UUID_BUFLEN];
    int event;
    int detail;
} event_item;

static GAsyncQueue *event_queue;
static GOnce event_thread_once = G_ONCE_INIT;

static void
event_reg_free(gpointer data)
{
    event_reg *reg = data;

    if (reg->free_opaque)
        reg->free_opaque(reg->opaque);
    g_free(reg);
}

cv_event_state *
cv_event_state_new(void)
{
    cv_event_state *st = g_new0(cv_event_state, 1);

    g_mutex_init(&st->lock);
    g_cond_init(&st->cond);
    st->regs = g_ptr_array_new_with_free_func(event_reg_free);
    st->running_id = -1;
    st->zombies = g_ptr_array_new();
    return st;
}

void
cv_event_state_free(cv_event_state *st)
{
    if (!st)
        return;
    /* No item for this connection is queued or running: each would hold a
     * reference, and we only get here on the last one. */
    g_ptr_array_free(st->regs, TRUE);
    g_ptr_array_free(st->zombies, TRUE);
    if (st->context)
        g_main_context_unref(st->context);
    g_cond_clear(&st->cond);
    g_mutex_clear(&st->lock);
    g_free(st);
}

static void
event_item_free(event_item *item)
{
    cv_connect_unref_internal(item->conn);
    g_free(item->name);
    g_free(item);
}

/* Runs every matching callback of one item; called on the delivering thread. */
static void
event_dispatch(event_item *item)
{
    cv_event_state *st = item->conn->events;
    g_autoptr(cv_domain) dom = cv_domain_new(item->conn, item->name, item->uuid);
    int last_id = -1;

    g_mutex_lock(&st->lock);
    for (;;) {
        event_reg *next = NULL;

        /* Registrations may come and go while a callback runs, so look the
         * next one up by ID each time rather than holding an index. */
        for (guint i = 0; i < st->regs->len; i++) {
            event_reg *reg = g_ptr_array_index(st->regs, i);
            if (reg->id > last_id &&
                (!reg->has_filter ||
                 memcmp(reg->filter_uuid, item->uuid, CV_UUID_BUFLEN) == 0)) {
                next = reg;
                break;
            }
        }
        if (!next)
            break;
        last_id = next->id;
        st->running_id = next->id;
        st->running_thread = g_thread_self();
        {
            cv_domain_event_cb cb = next->cb;
            void *opaque = next->opaque;

            g_mutex_unlock(&st->lock);
            cb(item->conn, dom, item->event, item->detail, opaque);
            g_mutex_lock(&st->lock);
        }
        st->running_id = -1;
        st->running_thread = NULL;
        g_cond_broadcast(&st->cond);
        if (st->zombies->len) {
            g_autoptr(GPtrArray) dead = st->zombies;

            st->zombies = g_ptr_array_new();
            g_mutex_unlock(&st->lock);
            g_ptr_array_set_free_func(dead, event_reg_free);
            g_clear_pointer(&dead, g_ptr_array_unref);
            g_mutex_lock(&st->lock);
        }
    }
    st->delivered++;
    g_cond_broadcast(&st->cond);
    g_mutex_unlock(&st->lock);
}

static gboolean
event_dispatch_idle(gpointer data)
{
    event_dispatch(data);
    return G_SOURCE_REMOVE;
}

static gpointer
event_thread_main(gpointer unused)
{
    for (;;) {
        event_item *item = g_async_queue_pop(event_queue);
        cv_event_state *st = item->conn->events;
        GMainContext *ctx;

        g_mutex_lock(&st->lock);
        ctx = st->context ? g_main_context_ref(st->context) : NULL;
        g_mutex_unlock(&st->lock);

        if (ctx) {
            /* An idle source, not g_main_context_invoke(): invoke would run
             * at once if this thread happened to own the context. */
            GSource *src = g_idle_source_new();
            g_source_set_callback(src, event_dispatch_idle, item,
                                  (GDestroyNotify)event_item_free);
            g_source_attach(src, ctx);
            g_source_unref(src);
            g_main_context_unref(ctx);
        } else {
            event_dispatch(item);
            event_item_free(item);
        }
    }
    return NULL;
}

static gpointer
event_thread_start(gpointer unused)
{
    event_queue = g_async_queue_new();
    /* The thread lives as long as the process: it owns no resources of its
     * own beyond the queue, and joining it at exit would need a shutdown
     * protocol nobody can call at the right time from a library. */
    g_thread_unref(g_thread_new("cv-events", event_thread_main, NULL));
    return NULL;
}

void
cv_event_domain_emit(cv_connect *conn, const char *name,
                     const unsigned char *uuid, int event, int detail)
{
    cv_event_state *st = conn->events;
    event_item *item;

    g_mutex_lock(&st->lock);
    /* Nobody listens: skip the queue entirely (the common case, and what
     * keeps bulk defines cheap). */
    if (st->regs->len == 0) {
        g_mutex_unlock(&st->lock);
        return;
    }
    st->emitted++;
    g_mutex_unlock(&st->lock);

    g_once(&event_thread_once, event_thread_start, NULL);
    item = g_new0(event_item, 1);
    g_atomic_int_inc(&conn->refs);
    item->conn = conn;
    item->name = g_strdup(name);
    memcpy(item->uuid, uuid, CV_UUID_BUFLEN);
    item->event = event;
    item->detail = detail;
    g_async_queue_push(event_queue, item);
}

int
cv_event_flush(cv_connect *conn, int timeout_ms)
{
    cv_event_state *st = conn->events;
    gint64 deadline = g_get_monotonic_time() + (gint64)timeout_ms * 1000;
    int ret = 0;

    g_mutex_lock(&st->lock);
    {
        guint64 target = st->emitted;

        while (st->delivered < target) {
            if (!g_cond_wait_until(&st->cond, &st->lock, deadline)) {
                ret = -1;
                break;
            }
        }
    }
    g_mutex_unlock(&st->lock);
    return ret;
}

int
cv_connect_domain_event_register(cv_connect *conn, cv_domain *dom,
                                 cv_domain_event_cb cb, void *opaque,
                                 cv_free_cb free_opaque, unsigned int flags)
{
    cv_event_state *st;
    event_reg *reg;
    int id;

    cv_error_reset();
    CV_CHECK_CONN(conn, -1);
    CV_CHECK_NONNULL(cb, -1);
    CV_CHECK_FLAGS(flags, 0, -1);
    if (dom && dom->conn != conn)
        return cv_error_set(CV_ERR_INVALID_ARG, CV_FROM_EVENT,
                            "domain '%s' belongs to another connection",
                            dom->name);

    st = conn->events;
    reg = g_new0(event_reg, 1);
    reg->cb = cb;
    reg->opaque = opaque;
    reg->free_opaque = free_opaque;
    if (dom) {
        reg->has_filter = TRUE;
        memcpy(reg->filter_uuid, dom->uuid, CV_UUID_BUFLEN);
    }
    g_mutex_lock(&st->lock);
    id = reg->id = st->next_id++;
    g_ptr_array_add(st->regs, reg);
    g_mutex_unlock(&st->lock);
    return id;
}

int
cv_connect_domain_event_deregister(cv_connect *conn, int callback_id)
{
    cv_event_state *st;
    event_reg *found = NULL;

    cv_error_reset();
    CV_CHECK_CONN(conn, -1);
    st = conn->events;

    g_mutex_lock(&st->lock);
    for (guint i = 0; i < st->regs->len; i++) {
        event_reg *reg = g_ptr_array_index(st->regs, i);
        if (reg->id == callback_id) {
            found = g_ptr_array_steal_index(st->regs, i);
            break;
        }
    }
    if (!found) {
        g_mutex_unlock(&st->lock);
        return cv_error_set(CV_ERR_INVALID_ARG, CV_FROM_EVENT,
                            "no event callback with ID %d on this connection",
                            callback_id);
    }
    if (st->running_id == callback_id && st->running_thread == g_thread_self()) {
        /* A callback removing itself still uses its opaque until it
         * returns: the dispatcher frees it then. */
        g_ptr_array_add(st->zombies, found);
        g_mutex_unlock(&st->lock);
        return 0;
    }
    while (st->running_id == callback_id)
        g_cond_wait(&st->cond, &st->lock);
    g_mutex_unlock(&st->lock);
    /* free_opaque may call into the library: run it unlocked. */
    event_reg_free(found);
    return 0;
}

int
cv_connect_set_event_context(cv_connect *conn, void *main_context, unsigned int flags)
{
    cv_event_state *st;

    cv_error_reset();
    CV_CHECK_CONN(conn, -1);
    CV_CHECK_FLAGS(flags, 0, -1);
    st = conn->events;
    g_mutex_lock(&st->lock);
    if (st->context)
        g_main_context_unref(st->context);
    st->context = main_context ? g_main_context_ref(main_context) : NULL;
    g_mutex_unlock(&st->lock);
    return 0;
}
