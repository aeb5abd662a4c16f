/*
 * The embedded test driver's state: one simulated host per connection.
 *
 * Invariants (all under host->lock: readers take it shared, writers
 * exclusive):
 * - every test_dom is in doms_by_name and doms_by_uuid; a running or paused
 *   one is also in doms_by_id under its id;
 * - dom->persistent == (dom->def != NULL); a transient domain is always
 *   active and disappears when it stops;
 * - dom->live != NULL exactly while the domain is active, and is the config
 *   the domain runs with; dom->def is the config it will boot next time;
 * - memory and vCPU counts never exceed their maxima, nor the host's;
 * - network address ranges never overlap between defined networks.
 */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "core/driver.h"
#include "core/error.h"
#include "core/event.h"
#include "core/object.h"
#include "core/xml/domain-conf.h"
#include "core/xml/network-conf.h"
#include "core/xml/storage-conf.h"

typedef struct {
    char *name;
    char *description;
    gint64 created;             /* seconds since the epoch */
    int state;                  /* cv_domain_state when taken */
    cv_domain_def *def;         /* the config it restores */
    char *parent;
} test_snap;

typedef struct {
    cv_domain_def *def;         /* persistent config, NULL if transient */
    cv_domain_def *live;        /* running config, NULL if inactive */
    int state;
    int reason;
    int id;                     /* -1 when inactive */
    bool autostart;
    guint64 cpu_time_ns;        /* accumulated before the last start */
    gint64 running_since;       /* monotonic us, 0 when not running */
    GPtrArray *snapshots;       /* test_snap*, creation order */
    char *current_snapshot;
} test_dom;

typedef struct {
    cv_network_def *def;
    bool active;
    bool persistent;
    bool autostart;
} test_net;

typedef struct {
    cv_volume_def *def;
    char *path;
} test_vol;

typedef struct {
    cv_pool_def *def;
    bool active;
    bool persistent;
    bool autostart;
    GHashTable *volumes;        /* name -> test_vol* */
} test_pool;

typedef struct {
    GRWLock lock;
    cv_connect *conn;           /* not referenced: the host lives inside it */

    GHashTable *doms_by_name;   /* name -> test_dom* (owns) */
    GHashTable *doms_by_uuid;   /* 16-byte uuid -> test_dom* */
    GHashTable *doms_by_id;     /* GINT id -> test_dom* */
    int next_id;

    GHashTable *nets;           /* name -> test_net* (owns) */
    GHashTable *pools;          /* name -> test_pool* (owns) */

    unsigned int cpus;
    unsigned int mhz;
    guint64 memory_kib;
    char *hostname;

    char *file;                 /* test:///path: where changes are saved */
    char *tmpdir;               /* test:///default: the default pool, removed on close */
} test_host;

/* test-host.c */
test_host *test_host_new_default(cv_connect *conn);
test_host *test_host_load(cv_connect *conn, const char *path);
void test_host_free(test_host *host);
/* Writes the host back to its file (temp file + rename); no-op without one.
 * Called with the lock held exclusively. */
int test_host_save(test_host *host);

/* test-domain.c */
test_dom *test_dom_find(test_host *host, cv_domain *dom);  /* sets NO_DOMAIN */
void test_dom_free(test_dom *d);
int test_dom_add(test_host *host, cv_domain_def *def, bool persistent, test_dom **out);
int test_dom_start_locked(test_host *host, test_dom *d, bool paused, int detail);
void test_dom_stop_locked(test_host *host, test_dom *d, int detail);
char *test_host_format_domain(test_dom *d, bool inactive);

/* test-snapshot.c */
void test_snap_free(test_snap *s);

/* test-network.c */
void test_net_free(test_net *n);
int test_net_add(test_host *host, cv_network_def *def, bool persistent, test_net **out);

/* test-storage.c */
void test_pool_free(test_pool *p);
int test_pool_add(test_host *host, cv_pool_def *def, bool persistent, test_pool **out);
int test_pool_scan(test_pool *pool);

static inline test_host *
test_host_of(cv_connect *conn)
{
    return conn->priv;
}

/* Entry points, gathered into the table in test-driver.c. */
cv_domain *test_domain_define_xml(cv_connect *conn, const char *xml, unsigned int flags);
cv_domain *test_domain_create_xml(cv_connect *conn, const char *xml, unsigned int flags);
int test_domain_undefine(cv_domain *dom, unsigned int flags);
int test_domain_start(cv_domain *dom, unsigned int flags);
int test_domain_shutdown(cv_domain *dom, unsigned int flags);
int test_domain_destroy(cv_domain *dom, unsigned int flags);
int test_domain_reboot(cv_domain *dom, unsigned int flags);
int test_domain_suspend(cv_domain *dom, unsigned int flags);
int test_domain_resume(cv_domain *dom, unsigned int flags);
int test_domain_set_autostart(cv_domain *dom, int autostart, unsigned int flags);
int test_domain_get_autostart(cv_domain *dom, int *autostart);
cv_domain *test_domain_lookup_by_name(cv_connect *conn, const char *name);
cv_domain *test_domain_lookup_by_uuid(cv_connect *conn, const unsigned char *uuid);
cv_domain *test_domain_lookup_by_id(cv_connect *conn, int id);
int test_list_all_domains(cv_connect *conn, GPtrArray *out, unsigned int flags);
int test_domain_get_id(cv_domain *dom);
int test_domain_get_info(cv_domain *dom, cv_domain_info *info);
int test_domain_get_state(cv_domain *dom, int *state, int *reason, unsigned int flags);
int test_domain_is_active(cv_domain *dom);
int test_domain_is_persistent(cv_domain *dom);
char *test_domain_get_xml_desc(cv_domain *dom, unsigned int flags);
int test_domain_set_vcpus(cv_domain *dom, unsigned int nvcpus, unsigned int flags);
int test_domain_set_memory(cv_domain *dom, uint64_t memory_kib, unsigned int flags);
int test_domain_attach_device(cv_domain *dom, const char *xml, unsigned int flags);
int test_domain_detach_device(cv_domain *dom, const char *xml, unsigned int flags);

cv_snapshot *test_snapshot_create_xml(cv_domain *dom, const char *xml, unsigned int flags);
int test_list_all_snapshots(cv_domain *dom, GPtrArray *out, unsigned int flags);
cv_snapshot *test_snapshot_lookup_by_name(cv_domain *dom, const char *name, unsigned int flags);
cv_snapshot *test_snapshot_current(cv_domain *dom, unsigned int flags);
int test_snapshot_revert(cv_snapshot *snap, unsigned int flags);
int test_snapshot_delete(cv_snapshot *snap, unsigned int flags);
char *test_snapshot_get_xml_desc(cv_snapshot *snap, unsigned int flags);

cv_network *test_network_define_xml(cv_connect *conn, const char *xml, unsigned int flags);
cv_network *test_network_create_xml(cv_connect *conn, const char *xml, unsigned int flags);
int test_network_undefine(cv_network *net, unsigned int flags);
int test_network_start(cv_network *net, unsigned int flags);
int test_network_destroy(cv_network *net, unsigned int flags);
cv_network *test_network_lookup_by_name(cv_connect *conn, const char *name);
cv_network *test_network_lookup_by_uuid(cv_connect *conn, const unsigned char *uuid);
int test_list_all_networks(cv_connect *conn, GPtrArray *out, unsigned int flags);
char *test_network_get_xml_desc(cv_network *net, unsigned int flags);
char *test_network_get_bridge_name(cv_network *net);
int test_network_is_active(cv_network *net);
int test_network_is_persistent(cv_network *net);
int test_network_set_autostart(cv_network *net, int autostart, unsigned int flags);
int test_network_get_autostart(cv_network *net, int *autostart);

cv_pool *test_pool_define_xml(cv_connect *conn, const char *xml, unsigned int flags);
int test_pool_start(cv_pool *pool, unsigned int flags);
int test_pool_destroy(cv_pool *pool, unsigned int flags);
int test_pool_undefine(cv_pool *pool, unsigned int flags);
int test_pool_refresh(cv_pool *pool, unsigned int flags);
cv_pool *test_pool_lookup_by_name(cv_connect *conn, const char *name);
int test_list_all_pools(cv_connect *conn, GPtrArray *out, unsigned int flags);
int test_pool_get_info(cv_pool *pool, cv_pool_info *info);
char *test_pool_get_xml_desc(cv_pool *pool, unsigned int flags);
int test_pool_is_active(cv_pool *pool);
int test_pool_set_autostart(cv_pool *pool, int autostart, unsigned int flags);
cv_volume *test_volume_create_xml(cv_pool *pool, const char *xml, unsigned int flags);
cv_volume *test_volume_lookup_by_name(cv_pool *pool, const char *name);
cv_volume *test_volume_lookup_by_path(cv_connect *conn, const char *path);
int test_list_all_volumes(cv_pool *pool, GPtrArray *out, unsigned int flags);
char *test_volume_get_path(cv_volume *vol);
int test_volume_get_info(cv_volume *vol, cv_volume_info *info);
char *test_volume_get_xml_desc(cv_volume *vol, unsigned int flags);
int test_volume_delete(cv_volume *vol, unsigned int flags);
int test_volume_resize(cv_volume *vol, uint64_t capacity, unsigned int flags);
