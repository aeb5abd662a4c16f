/*
 * Handles. A handle names an object (by name and UUID) on a connection; it
 * does not own the object's state, which lives in the driver. So handles are
 * cheap, immutable after creation, and safe to share between threads: only
 * the reference count changes, atomically.
 *
 * Invariants:
 * - every child handle (domain, network, pool, volume, snapshot) holds one
 *   reference on its connection, and a snapshot or volume on its parent;
 * - name and uuid never change for the life of a handle;
 * - a handle is created only by the cv_*_new() constructors below, which
 *   drivers call when they hand an object out.
 */
#pragma once

#include <glib.h>
#include <cloudvirt/cloudvirt.h>

#include "core/driver.h"
#include "core/uri.h"

struct cv_connect {
    gint refs;
    const cv_driver *driver;
    void *priv;                /* the driver's per-connection state */
    cv_uri *uri;
    char *uri_string;          /* canonical form, what cv_connect_get_uri() gives */
    unsigned int flags;        /* CV_CONNECT_* */
    struct cv_event_state *events;  /* lib/core/event.c */
};

struct cv_domain {
    gint refs;
    cv_connect *conn;
    char *name;
    unsigned char uuid[CV_UUID_BUFLEN];
};

struct cv_network {
    gint refs;
    cv_connect *conn;
    char *name;
    unsigned char uuid[CV_UUID_BUFLEN];
};

struct cv_pool {
    gint refs;
    cv_connect *conn;
    char *name;
    unsigned char uuid[CV_UUID_BUFLEN];
};

struct cv_volume {
    gint refs;
    cv_connect *conn;
    char *pool;                /* the pool's name */
    char *name;
    char *key;                 /* unique on the host; the path for file volumes */
};

struct cv_snapshot {
    gint refs;
    cv_domain *dom;
    char *name;
};

cv_domain *cv_domain_new(cv_connect *conn, const char *name, const unsigned char *uuid);
cv_network *cv_network_new(cv_connect *conn, const char *name, const unsigned char *uuid);
cv_pool *cv_pool_new(cv_connect *conn, const char *name, const unsigned char *uuid);
cv_volume *cv_volume_new(cv_connect *conn, const char *pool, const char *name,
                         const char *key);
cv_snapshot *cv_snapshot_new(cv_domain *dom, const char *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(cv_domain, cv_domain_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(cv_network, cv_network_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(cv_pool, cv_pool_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(cv_volume, cv_volume_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(cv_snapshot, cv_snapshot_free)

/*
 * Builds the NULL-free array a list call returns from a GPtrArray of handles
 * (takes ownership of both); stores it in *out when out is non-NULL, else
 * frees it. Returns the count.
 */
int cv_handle_list_return(GPtrArray *handles, void ***out, GDestroyNotify free_fn);

/* UUID helpers (lib/core/uuid.c). */
void cv_uuid_generate(unsigned char *uuid);
int cv_uuid_parse(const char *str, unsigned char *uuid);   /* 0 or -1, no error set */
void cv_uuid_format(const unsigned char *uuid, char *buf);  /* CV_UUID_STRING_BUFLEN */
