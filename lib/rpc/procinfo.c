/*
 * The signature of every procedure, shared by both ends: the server checks
 * a call's arguments against it before touching them, the client checks
 * the reply.
 */
#include <config.h>

#include "rpc/client.h"

#define D "(say)"
#define V "(sss)"
#define S "(" D "s)"

static const cv_rpc_proc_info procs[CV_PROC_LAST] = {
    [CV_PROC_PING] = { "ping", "()", "()" },
    [CV_PROC_CONNECT_OPEN] = { "connect_open", "(u)", "()" },
    [CV_PROC_CONNECT_GET_HOSTNAME] = { "connect_get_hostname", "()", "(s)" },
    [CV_PROC_CONNECT_GET_VERSION] = { "connect_get_version", "()", "(t)" },
    [CV_PROC_CONNECT_IS_ALIVE] = { "connect_is_alive", "()", "(i)" },
    [CV_PROC_CONNECT_GET_NODE_INFO] = { "connect_get_node_info", "()", "(stuuuuuu)" },
    [CV_PROC_CONNECT_GET_CAPABILITIES] = { "connect_get_capabilities", "(u)", "(s)" },
    [CV_PROC_DOMAIN_DEFINE_XML] = { "domain_define_xml", "(su)", D },
    [CV_PROC_DOMAIN_CREATE_XML] = { "domain_create_xml", "(su)", D },
    [CV_PROC_DOMAIN_UNDEFINE] = { "domain_undefine", "(" D "u)", "()" },
    [CV_PROC_DOMAIN_START] = { "domain_start", "(" D "u)", "()" },
    [CV_PROC_DOMAIN_SHUTDOWN] = { "domain_shutdown", "(" D "u)", "()" },
    [CV_PROC_DOMAIN_DESTROY] = { "domain_destroy", "(" D "u)", "()" },
    [CV_PROC_DOMAIN_REBOOT] = { "domain_reboot", "(" D "u)", "()" },
    [CV_PROC_DOMAIN_SUSPEND] = { "domain_suspend", "(" D "u)", "()" },
    [CV_PROC_DOMAIN_RESUME] = { "domain_resume", "(" D "u)", "()" },
    [CV_PROC_DOMAIN_SET_AUTOSTART] = { "domain_set_autostart", "(" D "iu)", "()" },
    [CV_PROC_DOMAIN_GET_AUTOSTART] = { "domain_get_autostart", "(" D ")", "(i)" },
    [CV_PROC_DOMAIN_LOOKUP_BY_NAME] = { "domain_lookup_by_name", "(s)", D },
    [CV_PROC_DOMAIN_LOOKUP_BY_UUID] = { "domain_lookup_by_uuid", "(ay)", D },
    [CV_PROC_DOMAIN_LOOKUP_BY_ID] = { "domain_lookup_by_id", "(i)", D },
    [CV_PROC_CONNECT_LIST_ALL_DOMAINS] = { "connect_list_all_domains", "(u)", "(a" D ")" },
    [CV_PROC_DOMAIN_GET_ID] = { "domain_get_id", "(" D ")", "(i)" },
    [CV_PROC_DOMAIN_GET_INFO] = { "domain_get_info", "(" D ")", "(ittuut)" },
    [CV_PROC_DOMAIN_GET_STATE] = { "domain_get_state", "(" D "u)", "(ii)" },
    [CV_PROC_DOMAIN_IS_ACTIVE] = { "domain_is_active", "(" D ")", "(i)" },
    [CV_PROC_DOMAIN_IS_PERSISTENT] = { "domain_is_persistent", "(" D ")", "(i)" },
    [CV_PROC_DOMAIN_GET_XML_DESC] = { "domain_get_xml_desc", "(" D "u)", "(s)" },
    [CV_PROC_DOMAIN_SET_VCPUS] = { "domain_set_vcpus", "(" D "uu)", "()" },
    [CV_PROC_DOMAIN_SET_MEMORY] = { "domain_set_memory", "(" D "tu)", "()" },
    [CV_PROC_DOMAIN_ATTACH_DEVICE] = { "domain_attach_device", "(" D "su)", "()" },
    [CV_PROC_DOMAIN_DETACH_DEVICE] = { "domain_detach_device", "(" D "su)", "()" },
    [CV_PROC_SNAPSHOT_CREATE_XML] = { "snapshot_create_xml", "(" D "su)", S },
    [CV_PROC_DOMAIN_LIST_ALL_SNAPSHOTS] = { "domain_list_all_snapshots", "(" D "u)", "(a" S ")" },
    [CV_PROC_SNAPSHOT_LOOKUP_BY_NAME] = { "snapshot_lookup_by_name", "(" D "su)", S },
    [CV_PROC_SNAPSHOT_CURRENT] = { "snapshot_current", "(" D "u)", S },
    [CV_PROC_SNAPSHOT_REVERT] = { "snapshot_revert", "(" S "u)", "()" },
    [CV_PROC_SNAPSHOT_DELETE] = { "snapshot_delete", "(" S "u)", "()" },
    [CV_PROC_SNAPSHOT_GET_XML_DESC] = { "snapshot_get_xml_desc", "(" S "u)", "(s)" },
    [CV_PROC_NETWORK_DEFINE_XML] = { "network_define_xml", "(su)", D },
    [CV_PROC_NETWORK_CREATE_XML] = { "network_create_xml", "(su)", D },
    [CV_PROC_NETWORK_UNDEFINE] = { "network_undefine", "(" D "u)", "()" },
    [CV_PROC_NETWORK_START] = { "network_start", "(" D "u)", "()" },
    [CV_PROC_NETWORK_DESTROY] = { "network_destroy", "(" D "u)", "()" },
    [CV_PROC_NETWORK_LOOKUP_BY_NAME] = { "network_lookup_by_name", "(s)", D },
    [CV_PROC_NETWORK_LOOKUP_BY_UUID] = { "network_lookup_by_uuid", "(ay)", D },
    [CV_PROC_CONNECT_LIST_ALL_NETWORKS] = { "connect_list_all_networks", "(u)", "(a" D ")" },
    [CV_PROC_NETWORK_GET_XML_DESC] = { "network_get_xml_desc", "(" D "u)", "(s)" },
    [CV_PROC_NETWORK_GET_BRIDGE_NAME] = { "network_get_bridge_name", "(" D ")", "(s)" },
    [CV_PROC_NETWORK_IS_ACTIVE] = { "network_is_active", "(" D ")", "(i)" },
    [CV_PROC_NETWORK_IS_PERSISTENT] = { "network_is_persistent", "(" D ")", "(i)" },
    [CV_PROC_NETWORK_SET_AUTOSTART] = { "network_set_autostart", "(" D "iu)", "()" },
    [CV_PROC_NETWORK_GET_AUTOSTART] = { "network_get_autostart", "(" D ")", "(i)" },
    [CV_PROC_POOL_DEFINE_XML] = { "pool_define_xml", "(su)", D },
    [CV_PROC_POOL_START] = { "pool_start", "(" D "u)", "()" },
    [CV_PROC_POOL_DESTROY] = { "pool_destroy", "(" D "u)", "()" },
    [CV_PROC_POOL_UNDEFINE] = { "pool_undefine", "(" D "u)", "()" },
    [CV_PROC_POOL_REFRESH] = { "pool_refresh", "(" D "u)", "()" },
    [CV_PROC_POOL_LOOKUP_BY_NAME] = { "pool_lookup_by_name", "(s)", D },
    [CV_PROC_CONNECT_LIST_ALL_POOLS] = { "connect_list_all_pools", "(u)", "(a" D ")" },
    [CV_PROC_POOL_GET_INFO] = { "pool_get_info", "(" D ")", "(ittt)" },
    [CV_PROC_POOL_GET_XML_DESC] = { "pool_get_xml_desc", "(" D "u)", "(s)" },
    [CV_PROC_POOL_IS_ACTIVE] = { "pool_is_active", "(" D ")", "(i)" },
    [CV_PROC_POOL_SET_AUTOSTART] = { "pool_set_autostart", "(" D "iu)", "()" },
    [CV_PROC_VOLUME_CREATE_XML] = { "volume_create_xml", "(" D "su)", V },
    [CV_PROC_VOLUME_LOOKUP_BY_NAME] = { "volume_lookup_by_name", "(" D "s)", V },
    [CV_PROC_VOLUME_LOOKUP_BY_PATH] = { "volume_lookup_by_path", "(s)", V },
    [CV_PROC_POOL_LIST_ALL_VOLUMES] = { "pool_list_all_volumes", "(" D "u)", "(a" V ")" },
    [CV_PROC_VOLUME_GET_PATH] = { "volume_get_path", "(" V ")", "(s)" },
    [CV_PROC_VOLUME_GET_INFO] = { "volume_get_info", "(" V ")", "(itt)" },
    [CV_PROC_VOLUME_GET_XML_DESC] = { "volume_get_xml_desc", "(" V "u)", "(s)" },
    [CV_PROC_VOLUME_DELETE] = { "volume_delete", "(" V "u)", "()" },
    [CV_PROC_VOLUME_RESIZE] = { "volume_resize", "(" V "tu)", "()" },
    [CV_PROC_VOLUME_UPLOAD] = { "volume_upload", "(" V "ttu)", "()" },
    [CV_PROC_VOLUME_DOWNLOAD] = { "volume_download", "(" V "ttu)", "()" },
};

const cv_rpc_proc_info *
cv_rpc_proc_lookup(guint32 procedure)
{
    if (procedure >= CV_PROC_LAST || !procs[procedure].name)
        return NULL;
    return &procs[procedure];
}
