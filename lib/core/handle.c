/*
 * Handle lifetime. Handles are immutable apart from their reference count;
 * the last unref releases the parent reference taken at creation.
 */
#include <config.h>

#include <string.h>

#include "core/check.h"
#include "core/object.h"

/* Drops the connection reference a child handle held (connect.c). */
void cv_connect_unref_internal(cv_connect *conn);

static cv_connect *
conn_ref(cv_connect *conn)
{
    g_atomic_int_inc(&conn->refs);
    return conn;
}

cv_domain *
cv_domain_new(cv_connect *conn, const char *name, const unsigned char *uuid)
{
    cv_domain *dom = g_new0(cv_domain, 1);

    dom->refs = 1;
    dom->conn = conn_ref(conn);
    dom->name = g_strdup(name);
    memcpy(dom->uuid, uuid, CV_UUID_BUFLEN);
    return dom;
}

int
cv_domain_ref(cv_domain *dom)
{
    cv_error_reset();
    CV_CHECK_DOMAIN(dom, -1);
    g_atomic_int_inc(&dom->refs);
    return 0;
}

void
cv_domain_free(cv_domain *dom)
{
    if (!dom || !g_atomic_int_dec_and_test(&dom->refs))
        return;
    cv_connect_unref_internal(dom->conn);
    g_free(dom->name);
    g_free(dom);
}

void
cv_domain_list_free(cv_domain **domains, int count)
{
    if (!domains)
        return;
    for (int i = 0; i < count; i++)
        cv_domain_free(domains[i]);
    g_free(domains);
}

cv_network *
cv_network_new(cv_connect *conn, const char *name, const unsigned char *uuid)
{
    cv_network *net = g_new0(cv_network, 1);

    net->refs = 1;
    net->conn = conn_ref(conn);
    net->name = g_strdup(name);
    memcpy(net->uuid, uuid, CV_UUID_BUFLEN);
    return net;
}

int
cv_network_ref(cv_network *net)
{
    cv_error_reset();
    CV_CHECK_NETWORK(net, -1);
    g_atomic_int_inc(&net->refs);
    return 0;
}

void
cv_network_free(cv_network *net)
{
    if (!net || !g_atomic_int_dec_and_test(&net->refs))
        return;
    cv_connect_unref_internal(net->conn);
    g_free(net->name);
    g_free(net);
}

cv_pool *
cv_pool_new(cv_connect *conn, const char *name, const unsigned char *uuid)
{
    cv_pool *pool = g_new0(cv_pool, 1);

    pool->refs = 1;
    pool->conn = conn_ref(conn);
    pool->name = g_strdup(name);
    memcpy(pool->uuid, uuid, CV_UUID_BUFLEN);
    return pool;
}

int
cv_pool_ref(cv_pool *pool)
{
    cv_error_reset();
    CV_CHECK_POOL(pool, -1);
    g_atomic_int_inc(&pool->refs);
    return 0;
}

void
cv_pool_free(cv_pool *pool)
{
    if (!pool || !g_atomic_int_dec_and_test(&pool->refs))
        return;
    cv_connect_unref_internal(pool->conn);
    g_free(pool->name);
    g_free(pool);
}

cv_volume *
cv_volume_new(cv_connect *conn, const char *pool, const char *name, const char *key)
{
    cv_volume *vol = g_new0(cv_volume, 1);

    vol->refs = 1;
    vol->conn = conn_ref(conn);
    vol->pool = g_strdup(pool);
    vol->name = g_strdup(name);
    vol->key = g_strdup(key);
    return vol;
}

int
cv_volume_ref(cv_volume *vol)
{
    cv_error_reset();
    CV_CHECK_VOLUME(vol, -1);
    g_atomic_int_inc(&vol->refs);
    return 0;
}

void
cv_volume_free(cv_volume *vol)
{
    if (!vol || !g_atomic_int_dec_and_test(&vol->refs))
        return;
    cv_connect_unref_internal(vol->conn);
    g_free(vol->pool);
    g_free(vol->name);
    g_free(vol->key);
    g_free(vol);
}

cv_snapshot *
cv_snapshot_new(cv_domain *dom, const char *name)
{
    cv_snapshot *snap = g_new0(cv_snapshot, 1);

    snap->refs = 1;
    g_atomic_int_inc(&dom->refs);
    snap->dom = dom;
    snap->name = g_strdup(name);
    return snap;
}

int
cv_snapshot_ref(cv_snapshot *snap)
{
    cv_error_reset();
    CV_CHECK_SNAPSHOT(snap, -1);
    g_atomic_int_inc(&snap->refs);
    return 0;
}

void
cv_snapshot_free(cv_snapshot *snap)
{
    if (!snap || !g_atomic_int_dec_and_test(&snap->refs))
        return;
    cv_domain_free(snap->dom);
    g_free(snap->name);
    g_free(snap);
}

int
cv_handle_list_return(GPtrArray *handles, void ***out, GDestroyNotify free_fn)
{
    int n = (int)handles->len;

    if (out) {
        *out = (void **)g_ptr_array_free(handles, FALSE);
        return n;
    }
    g_ptr_array_set_free_func(handles, free_fn);
    g_ptr_array_free(handles, TRUE);
    return n;
}
