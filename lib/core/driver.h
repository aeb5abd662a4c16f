/*
 * The driver table. A driver is one static const cv_driver, filled in one
 * place (lib/drivers/<name>/<name>-driver.c) and registered in
 * lib/core/registry.c.
 *
 * Contract between lib/core and drivers:
 * - lib/core's public entry points (lib/core/api-*.c) check handles, flags
 *   (against each entry's documented set), NULL arguments and read-only
 *   connections before calling an entry; drivers trust their arguments.
 * - An entry that is NULL makes the call fail with CV_ERR_UNSUPPORTED naming
 *   the driver and the operation.
 * - Entries return 0/-1, a count or -1, a new handle or NULL, a newly
 *   allocated string (g_malloc'd; the public caller frees it with cv_free())
 *   or NULL, and set an error on every failure.
 * - lib/core does not serialize calls: entries may run concurrently on one
 *   connection, so a driver locks its own state. Blocking entries must not
 *   hold locks another thread's quick call would wait on for long.
 * - Objects are named by their handle (name + uuid); a driver looks up its
 *   own state from the handle on every call and fails with CV_ERR_NO_DOMAIN
 *   (etc.) if the object has gone.
 * - Drivers raise lifecycle events with cv_event_domain_emit() (event.h);
 *   delivery happens later on another thread or main context.
 */
#pragma once

#include <cloudvirt/cloudvirt.h>

#include "core/uri.h"

typedef enum {
    CV_DRV_OPEN_SUCCESS = 0,
    CV_DRV_OPEN_DECLINED = 1,   /* not my URI: ask the next driver */
    CV_DRV_OPEN_ERROR = 2,      /* mine, but it failed; error is set */
} cv_drv_open_result;

typedef struct cv_driver cv_driver;
typedef struct cv_stream cv_stream;   /* <cloudvirt/cv-stream.h> */

struct cv_driver {
    const char *name;   /* "test", "kvm", ... what cv_connect_get_type() says */

    /* Connection. open sets conn->priv; close frees it. */
    cv_drv_open_result (*connect_open)(cv_connect *conn, const cv_uri *uri,
                                       unsigned int flags);
    void (*connect_close)(cv_connect *conn);
    char *(*connect_get_hostname)(cv_connect *conn);
    int (*connect_get_version)(cv_connect *conn, unsigned long *hv_version);
    int (*connect_is_alive)(cv_connect *conn);
    int (*connect_get_node_info)(cv_connect *conn, cv_node_info *info);
    char *(*connect_get_capabilities)(cv_connect *conn, unsigned int flags);

    /* Domains. list returns a GPtrArray of new cv_domain handles. */
    cv_domain *(*domain_define_xml)(cv_connect *conn, const char *xml, unsigned int flags);
    cv_domain *(*domain_create_xml)(cv_connect *conn, const char *xml, unsigned int flags);
    int (*domain_undefine)(cv_domain *dom, unsigned int flags);
    int (*domain_start)(cv_domain *dom, unsigned int flags);
    int (*domain_shutdown)(cv_domain *dom, unsigned int flags);
    int (*domain_destroy)(cv_domain *dom, unsigned int flags);
    int (*domain_reboot)(cv_domain *dom, unsigned int flags);
    int (*domain_suspend)(cv_domain *dom, unsigned int flags);
    int (*domain_resume)(cv_domain *dom, unsigned int flags);
    int (*domain_set_autostart)(cv_domain *dom, int autostart, unsigned int flags);
    int (*domain_get_autostart)(cv_domain *dom, int *autostart);
    cv_domain *(*domain_lookup_by_name)(cv_connect *conn, const char *name);
    cv_domain *(*domain_lookup_by_uuid)(cv_connect *conn, const unsigned char *uuid);
    cv_domain *(*domain_lookup_by_id)(cv_connect *conn, int id);
    int (*connect_list_all_domains)(cv_connect *conn, GPtrArray *out, unsigned int flags);
    int (*domain_get_id)(cv_domain *dom);   /* -1 and no error when inactive */
    int (*domain_get_info)(cv_domain *dom, cv_domain_info *info); /* full-size struct */
    int (*domain_get_state)(cv_domain *dom, int *state, int *reason, unsigned int flags);
    int (*domain_is_active)(cv_domain *dom);
    int (*domain_is_persistent)(cv_domain *dom);
    char *(*domain_get_xml_desc)(cv_domain *dom, unsigned int flags);
    int (*domain_set_vcpus)(cv_domain *dom, unsigned int nvcpus, unsigned int flags);
    int (*domain_set_memory)(cv_domain *dom, uint64_t memory_kib, unsigned int flags);
    int (*domain_attach_device)(cv_domain *dom, const char *xml, unsigned int flags);
    int (*domain_detach_device)(cv_domain *dom, const char *xml, unsigned int flags);

    /* Snapshots. */
    cv_snapshot *(*snapshot_create_xml)(cv_domain *dom, const char *xml, unsigned int flags);
    int (*domain_list_all_snapshots)(cv_domain *dom, GPtrArray *out, unsigned int flags);
    cv_snapshot *(*snapshot_lookup_by_name)(cv_domain *dom, const char *name, unsigned int flags);
    cv_snapshot *(*snapshot_current)(cv_domain *dom, unsigned int flags);
    int (*snapshot_revert)(cv_snapshot *snap, unsigned int flags);
    int (*snapshot_delete)(cv_snapshot *snap, unsigned int flags);
    char *(*snapshot_get_xml_desc)(cv_snapshot *snap, unsigned int flags);

    /* Networks. */
    cv_network *(*network_define_xml)(cv_connect *conn, const char *xml, unsigned int flags);
    cv_network *(*network_create_xml)(cv_connect *conn, const char *xml, unsigned int flags);
    int (*network_undefine)(cv_network *net, unsigned int flags);
    int (*network_start)(cv_network *net, unsigned int flags);
    int (*network_destroy)(cv_network *net, unsigned int flags);
    cv_network *(*network_lookup_by_name)(cv_connect *conn, const char *name);
    cv_network *(*network_lookup_by_uuid)(cv_connect *conn, const unsigned char *uuid);
    int (*connect_list_all_networks)(cv_connect *conn, GPtrArray *out, unsigned int flags);
    char *(*network_get_xml_desc)(cv_network *net, unsigned int flags);
    char *(*network_get_bridge_name)(cv_network *net);
    int (*network_is_active)(cv_network *net);
    int (*network_is_persistent)(cv_network *net);
    int (*network_set_autostart)(cv_network *net, int autostart, unsigned int flags);
    int (*network_get_autostart)(cv_network *net, int *autostart);

    /* Storage pools and volumes. */
    cv_pool *(*pool_define_xml)(cv_connect *conn, const char *xml, unsigned int flags);
    int (*pool_start)(cv_pool *pool, unsigned int flags);
    int (*pool_destroy)(cv_pool *pool, unsigned int flags);
    int (*pool_undefine)(cv_pool *pool, unsigned int flags);
    int (*pool_refresh)(cv_pool *pool, unsigned int flags);
    cv_pool *(*pool_lookup_by_name)(cv_connect *conn, const char *name);
    int (*connect_list_all_pools)(cv_connect *conn, GPtrArray *out, unsigned int flags);
    int (*pool_get_info)(cv_pool *pool, cv_pool_info *info);   /* full-size struct */
    char *(*pool_get_xml_desc)(cv_pool *pool, unsigned int flags);
    int (*pool_is_active)(cv_pool *pool);
    int (*pool_set_autostart)(cv_pool *pool, int autostart, unsigned int flags);
    cv_volume *(*volume_create_xml)(cv_pool *pool, const char *xml, unsigned int flags);
    cv_volume *(*volume_lookup_by_name)(cv_pool *pool, const char *name);
    cv_volume *(*volume_lookup_by_path)(cv_connect *conn, const char *path);
    int (*pool_list_all_volumes)(cv_pool *pool, GPtrArray *out, unsigned int flags);
    char *(*volume_get_path)(cv_volume *vol);
    int (*volume_get_info)(cv_volume *vol, cv_volume_info *info); /* full-size struct */
    char *(*volume_get_xml_desc)(cv_volume *vol, unsigned int flags);
    int (*volume_delete)(cv_volume *vol, unsigned int flags);
    int (*volume_resize)(cv_volume *vol, uint64_t capacity, unsigned int flags);

    /* Volume streams (lib/core/stream.h): attach ops + priv to @st, which
     * lib/core created; @length 0 means unbounded / to the end. */
    int (*volume_upload)(cv_volume *vol, cv_stream *st, uint64_t offset,
                         uint64_t length, unsigned int flags);
    int (*volume_download)(cv_volume *vol, cv_stream *st, uint64_t offset,
                           uint64_t length, unsigned int flags);
};

/* Raises CV_ERR_UNSUPPORTED for a missing entry; returns -1. */
int cv_error_unsupported(cv_connect *conn, const char *operation);

/* lib/core/registry.c: the drivers, in the order they are asked. */
const cv_driver *const *cv_registry_drivers(void);
