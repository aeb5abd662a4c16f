/*
 * Virtual networks of the test driver: in memory, with libvirt's
 * lifecycle and an overlap check so no two networks claim the same range.
 */
#include <config.h>

#include "drivers/test/test-priv.h"

#define NET_ERR(code, ...) cv_error_set((code), CV_FROM_TEST, __VA_ARGS__)

void
test_net_free(test_net *n)
{
    if (!n)
        return;
    cv_network_def_free(n->def);
    g_free(n);
}

static test_net *
net_find(test_host *host, cv_network *net)
{
    test_net *n = g_hash_table_lookup(host->nets, net->name);

    if (!n || memcmp(n->def->uuid, net->uuid, CV_UUID_BUFLEN) != 0) {
        NET_ERR(CV_ERR_NO_NETWORK, "network '%s' no longer exists", net->name);
        return NULL;
    }
    return n;
}

/* Picks "virbrN" for a network that names no bridge, as libvirt does. */
static char *
bridge_pick(test_host *host)
{
    for (int i = 0;; i++) {
        g_autofree char *name = g_strdup_printf("virbr%d", i);
        GHashTableIter it;
        gpointer v;
        bool used = false;

        g_hash_table_iter_init(&it, host->nets);
        while (g_hash_table_iter_next(&it, NULL, &v))
            if (g_strcmp0(((test_net *)v)->def->bridge, name) == 0)
                used = true;
        if (!used)
            return g_steal_pointer(&name);
    }
}

/* Takes ownership of @def. Lock held exclusively. */
int
test_net_add(test_host *host, cv_network_def *def, bool persistent, test_net **out)
{
    test_net *old = g_hash_table_lookup(host->nets, def->name);
    GHashTableIter it;
    gpointer v;
    test_net *n;

    g_hash_table_iter_init(&it, host->nets);
    while (g_hash_table_iter_next(&it, NULL, &v)) {
        test_net *o = v;
        g_autofree char *what = NULL;

        if (o == old)
            continue;
        if (memcmp(o->def->uuid, def->uuid, CV_UUID_BUFLEN) == 0) {
            NET_ERR(CV_ERR_DUPLICATE, "network '%s' already has this UUID", o->def->name);
            goto error;
        }
        if (def->bridge && g_strcmp0(o->def->bridge, def->bridge) == 0) {
            NET_ERR(CV_ERR_NETWORK_CONFLICT, "bridge '%s' is already used by network '%s'",
                    def->bridge, o->def->name);
            goto error;
        }
        if (cv_network_def_overlaps(def, o->def, &what)) {
            NET_ERR(CV_ERR_NETWORK_CONFLICT, "network '%s': %s", def->name, what);
            goto error;
        }
    }
    if (old) {
        if (memcmp(old->def->uuid, def->uuid, CV_UUID_BUFLEN) != 0) {
            NET_ERR(CV_ERR_DUPLICATE, "network '%s' already exists with another UUID",
                    def->name);
            goto error;
        }
        if (!persistent) {
            NET_ERR(CV_ERR_OPERATION_INVALID, "network '%s' already exists", def->name);
            goto error;
        }
        if (!def->bridge)
            def->bridge = g_strdup(old->def->bridge);
        cv_network_def_free(old->def);
        old->def = def;
        old->persistent = true;
        *out = old;
        return 0;
    }
    if (!def->bridge && g_strcmp0(def->forward_mode, "bridge") != 0)
        def->bridge = bridge_pick(host);
    n = g_new0(test_net, 1);
    n->def = def;
    n->persistent = persistent;
    g_hash_table_insert(host->nets, g_strdup(def->name), n);
    *out = n;
    return 0;

 error:
    cv_network_def_free(def);
    return -1;
}

static cv_network *
define_or_create(cv_connect *conn, const char *xml, bool persistent)
{
    test_host *host = test_host_of(conn);
    cv_network_def *def = cv_network_def_parse(xml);
    cv_network *ret = NULL;
    test_net *n;

    if (!def)
        return NULL;
    g_rw_lock_writer_lock(&host->lock);
    if (test_net_add(host, def, persistent, &n) == 0) {
        if (!persistent)
            n->active = true;
        if (test_host_save(host) == 0)
            ret = cv_network_new(conn, n->def->name, n->def->uuid);
    }
    g_rw_lock_writer_unlock(&host->lock);
    return ret;
}

cv_network *
test_network_define_xml(cv_connect *conn, const char *xml, unsigned int flags)
{
    return define_or_create(conn, xml, true);
}

cv_network *
test_network_create_xml(cv_connect *conn, const char *xml, unsigned int flags)
{
    return define_or_create(conn, xml, false);
}

typedef int (*net_op)(test_host *host, test_net *n, int arg);

static int
with_network(cv_network *net, net_op fn, int arg)
{
    test_host *host = test_host_of(net->conn);
    test_net *n;
    int ret = -1;

    g_rw_lock_writer_lock(&host->lock);
    if ((n = net_find(host, net)) && (ret = fn(host, n, arg)) == 0)
        ret = test_host_save(host);
    g_rw_lock_writer_unlock(&host->lock);
    return ret;
}

static int
op_undefine(test_host *host, test_net *n, int arg)
{
    if (!n->persistent)
        return NET_ERR(CV_ERR_OPERATION_INVALID, "cannot undefine transient network '%s'",
                       n->def->name);
    if (n->active) {
        n->persistent = false;
        n->autostart = false;
        return 0;
    }
    g_hash_table_remove(host->nets, n->def->name);
    return 0;
}

int
test_network_undefine(cv_network *net, unsigned int flags)
{
    return with_network(net, op_undefine, 0);
}

static int
op_start(test_host *host, test_net *n, int arg)
{
    if (n->active)
        return NET_ERR(CV_ERR_OPERATION_INVALID, "network '%s' is already active",
                       n->def->name);
    n->active = true;
    return 0;
}

int
test_network_start(cv_network *net, unsigned int flags)
{
    return with_network(net, op_start, 0);
}

static int
op_destroy(test_host *host, test_net *n, int arg)
{
    if (!n->active)
        return NET_ERR(CV_ERR_OPERATION_INVALID, "network '%s' is not active",
                       n->def->name);
    n->active = false;
    if (!n->persistent)
        g_hash_table_remove(host->nets, n->def->name);
    return 0;
}

int
test_network_destroy(cv_network *net, unsigned int flags)
{
    return with_network(net, op_destroy, 0);
}

static int
op_set_autostart(test_host *host, test_net *n, int autostart)
{
    if (!n->persistent)
        return NET_ERR(CV_ERR_OPERATION_INVALID,
                       "cannot set autostart for transient network '%s'", n->def->name);
    n->autostart = autostart;
    return 0;
}

int
test_network_set_autostart(cv_network *net, int autostart, unsigned int flags)
{
    return with_network(net, op_set_autostart, autostart);
}

cv_network *
test_network_lookup_by_name(cv_connect *conn, const char *name)
{
    test_host *host = test_host_of(conn);
    cv_network *ret = NULL;
    test_net *n;

    g_rw_lock_reader_lock(&host->lock);
    if ((n = g_hash_table_lookup(host->nets, name)))
        ret = cv_network_new(conn, n->def->name, n->def->uuid);
    else
        NET_ERR(CV_ERR_NO_NETWORK, "no network named '%s' (cvsh net-list --all shows "
                "the defined ones)", name);
    g_rw_lock_reader_unlock(&host->lock);
    return ret;
}

cv_network *
test_network_lookup_by_uuid(cv_connect *conn, const unsigned char *uuid)
{
    test_host *host = test_host_of(conn);
    cv_network *ret = NULL;
    GHashTableIter it;
    gpointer v;

    g_rw_lock_reader_lock(&host->lock);
    g_hash_table_iter_init(&it, host->nets);
    while (!ret && g_hash_table_iter_next(&it, NULL, &v))
        if (memcmp(((test_net *)v)->def->uuid, uuid, CV_UUID_BUFLEN) == 0)
            ret = cv_network_new(conn, ((test_net *)v)->def->name, uuid);
    g_rw_lock_reader_unlock(&host->lock);
    if (!ret) {
        char s[CV_UUID_STRING_BUFLEN];
        cv_uuid_format(uuid, s);
        NET_ERR(CV_ERR_NO_NETWORK, "no network with UUID %s", s);
    }
    return ret;
}

int
test_list_all_networks(cv_connect *conn, GPtrArray *out, unsigned int f)
{
    test_host *host = test_host_of(conn);
    GHashTableIter it;
    gpointer v;

    g_rw_lock_reader_lock(&host->lock);
    g_hash_table_iter_init(&it, host->nets);
    while (g_hash_table_iter_next(&it, NULL, &v)) {
        test_net *n = v;
        if ((f & (CV_LIST_NETWORKS_ACTIVE | CV_LIST_NETWORKS_INACTIVE)) &&
            !((f & CV_LIST_NETWORKS_ACTIVE && n->active) ||
              (f & CV_LIST_NETWORKS_INACTIVE && !n->active)))
            continue;
        if ((f & (CV_LIST_NETWORKS_PERSISTENT | CV_LIST_NETWORKS_TRANSIENT)) &&
            !((f & CV_LIST_NETWORKS_PERSISTENT && n->persistent) ||
              (f & CV_LIST_NETWORKS_TRANSIENT && !n->persistent)))
            continue;
        if ((f & (CV_LIST_NETWORKS_AUTOSTART | CV_LIST_NETWORKS_NO_AUTOSTART)) &&
            !((f & CV_LIST_NETWORKS_AUTOSTART && n->autostart) ||
              (f & CV_LIST_NETWORKS_NO_AUTOSTART && !n->autostart)))
            continue;
        g_ptr_array_add(out, cv_network_new(conn, n->def->name, n->def->uuid));
    }
    g_rw_lock_reader_unlock(&host->lock);
    return 0;
}

#define WITH_NET_READ(net, host, n, errret) \
    test_host *host = test_host_of((net)->conn); \
    test_net *n; \
    g_rw_lock_reader_lock(&host->lock); \
    if (!(n = net_find(host, (net)))) { \
        g_rw_lock_reader_unlock(&host->lock); \
        return errret; \
    }

char *
test_network_get_xml_desc(cv_network *net, unsigned int flags)
{
    char *xml;
    WITH_NET_READ(net, host, n, NULL);
    xml = cv_network_def_format(n->def);
    g_rw_lock_reader_unlock(&host->lock);
    return xml;
}

char *
test_network_get_bridge_name(cv_network *net)
{
    char *br;
    WITH_NET_READ(net, host, n, NULL);
    br = g_strdup(n->def->bridge);
    g_rw_lock_reader_unlock(&host->lock);
    if (!br)
        NET_ERR(CV_ERR_CONFIG, "network '%s' has no bridge", net->name);
    return br;
}

int
test_network_is_active(cv_network *net)
{
    int r;
    WITH_NET_READ(net, host, n, -1);
    r = n->active;
    g_rw_lock_reader_unlock(&host->lock);
    return r;
}

int
test_network_is_persistent(cv_network *net)
{
    int r;
    WITH_NET_READ(net, host, n, -1);
    r = n->persistent;
    g_rw_lock_reader_unlock(&host->lock);
    return r;
}

int
test_network_get_autostart(cv_network *net, int *autostart)
{
    WITH_NET_READ(net, host, n, -1);
    *autostart = n->autostart;
    g_rw_lock_reader_unlock(&host->lock);
    return 0;
}
