/*
 * cv-network.h: virtual networks, described by libvirt-style network XML
 * (forward mode nat, route, bridge, or none for isolated; IPv4/IPv6 ranges
 * with DHCP).
 */
#ifndef CLOUDVIRT_CV_NETWORK_H
#define CLOUDVIRT_CV_NETWORK_H

#include <cloudvirt/cv-common.h>
#include <cloudvirt/cv-connect.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cv_network cv_network;

/* Flags for cv_connect_list_all_networks(); as for domains, groups AND. */
typedef enum {
    CV_LIST_NETWORKS_ACTIVE = 1 << 0,
    CV_LIST_NETWORKS_INACTIVE = 1 << 1,
    CV_LIST_NETWORKS_PERSISTENT = 1 << 2,
    CV_LIST_NETWORKS_TRANSIENT = 1 << 3,
    CV_LIST_NETWORKS_AUTOSTART = 1 << 4,
    CV_LIST_NETWORKS_NO_AUTOSTART = 1 << 5,
} cv_list_networks_flags;

/* Flags for cv_network_get_xml_desc(). */
typedef enum {
    CV_NETWORK_XML_INACTIVE = 1 << 0,
} cv_network_xml_flags;

/**
 * cv_network_define_xml:
 * @conn: a connection
 * @xml: network XML
 * @flags: 0
 *
 * Defines a persistent network. Its address ranges are checked: a prefix
 * that is not a valid CIDR, a DHCP range outside its network, or a range that
 * overlaps another defined network is refused (CV_ERR_CONFIG,
 * CV_ERR_NETWORK_CONFLICT).
 *
 * Returns: a handle (free with cv_network_free()), or NULL on failure.
 *
 * Since: 0.1
 */
CV_API cv_network *cv_network_define_xml(cv_connect *conn, const char *xml,
                                         unsigned int flags);

/**
 * cv_network_create_xml:
 * @conn: a connection
 * @xml: network XML
 * @flags: 0
 *
 * Creates and starts a transient network.
 *
 * Returns: a handle, or NULL on failure.
 *
 * Since: 0.1
 */
CV_API cv_network *cv_network_create_xml(cv_connect *conn, const char *xml,
                                         unsigned int flags);

/**
 * cv_network_undefine:
 * @net: a persistent network
 * @flags: 0
 *
 * Removes the persistent config; an active network becomes transient.
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_network_undefine(cv_network *net, unsigned int flags);

/**
 * cv_network_start:
 * @net: an inactive network
 * @flags: 0
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_network_start(cv_network *net, unsigned int flags);

/**
 * cv_network_destroy:
 * @net: an active network
 * @flags: 0
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_network_destroy(cv_network *net, unsigned int flags);

/**
 * cv_network_lookup_by_name:
 * @conn: a connection
 * @name: the network's name
 *
 * Returns: a handle, or NULL with CV_ERR_NO_NETWORK.
 *
 * Since: 0.1
 */
CV_API cv_network *cv_network_lookup_by_name(cv_connect *conn, const char *name);

/**
 * cv_network_lookup_by_uuid_string:
 * @conn: a connection
 * @uuid: the UUID as text
 *
 * Returns: a handle, or NULL with CV_ERR_NO_NETWORK.
 *
 * Since: 0.1
 */
CV_API cv_network *cv_network_lookup_by_uuid_string(cv_connect *conn, const char *uuid);

/**
 * cv_connect_list_all_networks:
 * @conn: a connection
 * @networks: (out) (optional): free each with cv_network_free(), the array
 *            with cv_free()
 * @flags: cv_list_networks_flags, 0 for all
 *
 * Returns: the number of networks, or -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_connect_list_all_networks(cv_connect *conn, cv_network ***networks,
                                        unsigned int flags);

/**
 * cv_network_get_name:
 * @net: a network
 *
 * Returns: the name; borrowed, valid as long as @net is.
 *
 * Since: 0.1
 */
CV_API const char *cv_network_get_name(cv_network *net);

/**
 * cv_network_get_uuid_string:
 * @net: a network
 * @buf: (out): CV_UUID_STRING_BUFLEN bytes
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_network_get_uuid_string(cv_network *net, char *buf);

/**
 * cv_network_get_xml_desc:
 * @net: a network
 * @flags: 0 or CV_NETWORK_XML_INACTIVE
 *
 * Returns: network XML; free with cv_free().
 *
 * Since: 0.1
 */
CV_API char *cv_network_get_xml_desc(cv_network *net, unsigned int flags);

/**
 * cv_network_get_bridge_name:
 * @net: a network
 *
 * Returns: the host bridge it uses; free with cv_free().
 *
 * Since: 0.1
 */
CV_API char *cv_network_get_bridge_name(cv_network *net);

/**
 * cv_network_is_active:
 * @net: a network
 *
 * Returns: 1 if active, 0 if not, -1 on error.
 *
 * Since: 0.1
 */
CV_API int cv_network_is_active(cv_network *net);

/**
 * cv_network_is_persistent:
 * @net: a network
 *
 * Returns: 1 if persistent, 0 if transient, -1 on error.
 *
 * Since: 0.1
 */
CV_API int cv_network_is_persistent(cv_network *net);

/**
 * cv_network_set_autostart:
 * @net: a persistent network
 * @autostart: 1 or 0
 * @flags: 0
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_network_set_autostart(cv_network *net, int autostart, unsigned int flags);

/**
 * cv_network_get_autostart:
 * @net: a network
 * @autostart: (out): 1 or 0
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_network_get_autostart(cv_network *net, int *autostart);

/**
 * cv_network_ref:
 * @net: a network
 *
 * Returns: 0, or -1 if @net is NULL.
 *
 * Since: 0.1
 */
CV_API int cv_network_ref(cv_network *net);

/**
 * cv_network_free:
 * @net: a network, or NULL (a no-op)
 *
 * Since: 0.1
 */
CV_API void cv_network_free(cv_network *net);

#ifdef __cplusplus
}
#endif

#endif /* CLOUDVIRT_CV_NETWORK_H */
