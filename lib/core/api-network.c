/*
 * Public network entry points.
 */
#include <config.h>

#include "core/check.h"
#include "core/object.h"

#define LIST_FLAGS 0x3fu

cv_network *
cv_network_define_xml(cv_connect *conn, const char *xml, unsigned int flags)
{
    cv_error_reset();
    CV_CHECK_CONN(conn, NULL);
    CV_CHECK_NONNULL(xml, NULL);
    CV_CHECK_FLAGS(flags, 0, NULL);
    CV_CHECK_WRITABLE(conn, NULL);
    CV_DRIVER_CALL_PTR(conn, network_define_xml, conn, xml, flags);
}

cv_network *
cv_network_create_xml(cv_connect *conn, const char *xml, unsigned int flags)
{
    cv_error_reset();
    CV_CHECK_CONN(conn, NULL);
    CV_CHECK_NONNULL(xml, NULL);
    CV_CHECK_FLAGS(flags, 0, NULL);
    CV_CHECK_WRITABLE(conn, NULL);
    CV_DRIVER_CALL_PTR(conn, network_create_xml, conn, xml, flags);
}

#define NETWORK_ACTION(fn, entry) \
    int fn(cv_network *net, unsigned int flags) \
    { \
        cv_error_reset(); \
        CV_CHECK_NETWORK(net, -1); \
        CV_CHECK_FLAGS(flags, 0, -1); \
        CV_CHECK_WRITABLE(net->conn, -1); \
        CV_DRIVER_CALL_INT(net->conn, entry, net, flags); \
    }

NETWORK_ACTION(cv_network_undefine, network_undefine)
NETWORK_ACTION(cv_network_start, network_start)
NETWORK_ACTION(cv_network_destroy, network_destroy)

cv_network *
cv_network_lookup_by_name(cv_connect *conn, const char *name)
{
    cv_error_reset();
    CV_CHECK_CONN(conn, NULL);
    CV_CHECK_NONNULL(name, NULL);
    CV_DRIVER_CALL_PTR(conn, network_lookup_by_name, conn, name);
}

cv_network *
cv_network_lookup_by_uuid_string(cv_connect *conn, const char *uuidstr)
{
    unsigned char uuid[CV_UUID_BUFLEN];

    cv_error_reset();
    CV_CHECK_CONN(conn, NULL);
    CV_CHECK_NONNULL(uuidstr, NULL);
    if (cv_uuid_parse(uuidstr, uuid) < 0) {
        cv_error_set(CV_ERR_INVALID_ARG, CV_FROM_CORE,
                     "'%s' is not a UUID (expected "
                     "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)", uuidstr);
        return NULL;
    }
    CV_DRIVER_CALL_PTR(conn, network_lookup_by_uuid, conn, uuid);
}

int
cv_connect_list_all_networks(cv_connect *conn, cv_network ***networks, unsigned int flags)
{
    g_autoptr(GPtrArray) out =
        g_ptr_array_new_with_free_func((GDestroyNotify)cv_network_free);

    cv_error_reset();
    if (networks)
        *networks = NULL;
    CV_CHECK_CONN(conn, -1);
    CV_CHECK_FLAGS(flags, LIST_FLAGS, -1);
    if (!conn->driver->connect_list_all_networks)
        return cv_error_unsupported(conn, "connect_list_all_networks");
    if (conn->driver->connect_list_all_networks(conn, out, flags) < 0)
        return -1;
    g_ptr_array_set_free_func(out, NULL);
    return cv_handle_list_return(g_steal_pointer(&out), (void ***)networks,
                                 (GDestroyNotify)cv_network_free);
}

const char *
cv_network_get_name(cv_network *net)
{
    cv_error_reset();
    CV_CHECK_NETWORK(net, NULL);
    return net->name;
}

int
cv_network_get_uuid_string(cv_network *net, char *buf)
{
    cv_error_reset();
    CV_CHECK_NETWORK(net, -1);
    CV_CHECK_NONNULL(buf, -1);
    cv_uuid_format(net->uuid, buf);
    return 0;
}

char *
cv_network_get_xml_desc(cv_network *net, unsigned int flags)
{
    cv_error_reset();
    CV_CHECK_NETWORK(net, NULL);
    CV_CHECK_FLAGS(flags, CV_NETWORK_XML_INACTIVE, NULL);
    CV_DRIVER_CALL_PTR(net->conn, network_get_xml_desc, net, flags);
}

char *
cv_network_get_bridge_name(cv_network *net)
{
    cv_error_reset();
    CV_CHECK_NETWORK(net, NULL);
    CV_DRIVER_CALL_PTR(net->conn, network_get_bridge_name, net);
}

int
cv_network_is_active(cv_network *net)
{
    cv_error_reset();
    CV_CHECK_NETWORK(net, -1);
    CV_DRIVER_CALL_INT(net->conn, network_is_active, net);
}

int
cv_network_is_persistent(cv_network *net)
{
    cv_error_reset();
    CV_CHECK_NETWORK(net, -1);
    CV_DRIVER_CALL_INT(net->conn, network_is_persistent, net);
}

int
cv_network_set_autostart(cv_network *net, int autostart, unsigned int flags)
{
    cv_error_reset();
    CV_CHECK_NETWORK(net, -1);
    CV_CHECK_FLAGS(flags, 0, -1);
    CV_CHECK_WRITABLE(net->conn, -1);
    CV_DRIVER_CALL_INT(net->conn, network_set_autostart, net, autostart ? 1 : 0, flags);
}

int
cv_network_get_autostart(cv_network *net, int *autostart)
{
    cv_error_reset();
    CV_CHECK_NETWORK(net, -1);
    CV_CHECK_NONNULL(autostart, -1);
    CV_DRIVER_CALL_INT(net->conn, network_get_autostart, net, autostart);
}
