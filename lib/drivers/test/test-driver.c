/*
 * The embedded test driver: a complete simulated host per connection, so
 * the whole API works on any machine with nothing installed. Users' own
 * tests can rely on it; so do ours.
 */
#include <config.h>

#include <string.h>

#include "drivers/test/test-priv.h"
#include "drivers/test/test-stream.h"

static cv_drv_open_result
test_connect_open(cv_connect *conn, const cv_uri *uri, unsigned int flags)
{
    test_host *host;

    if (!g_str_equal(uri->driver, "test"))
        return CV_DRV_OPEN_DECLINED;
    if (uri->host && *uri->host) {
        cv_error_set(CV_ERR_INVALID_URI, CV_FROM_TEST,
                     "the test driver runs in this process; a host ('%s') needs a "
                     "transport, as in test+ssh://%s/default", uri->host, uri->host);
        return CV_DRV_OPEN_ERROR;
    }
    if (g_str_equal(uri->path, "/default"))
        host = test_host_new_default(conn);
    else if (g_str_equal(uri->path, "/") || !g_str_has_suffix(uri->path, ".xml")) {
        cv_error_set(CV_ERR_INVALID_URI, CV_FROM_TEST,
                     "test driver URI path '%s' is neither /default nor an absolute "
                     "path to a host .xml file", uri->path);
        return CV_DRV_OPEN_ERROR;
    } else
        host = test_host_load(conn, uri->path);
    if (!host)
        return CV_DRV_OPEN_ERROR;
    conn->priv = host;
    return CV_DRV_OPEN_SUCCESS;
}

static void
test_connect_close(cv_connect *conn)
{
    test_host_free(conn->priv);
    conn->priv = NULL;
}

static char *
test_connect_get_hostname(cv_connect *conn)
{
    return g_strdup(test_host_of(conn)->hostname);
}

static int
test_connect_get_version(cv_connect *conn, unsigned long *hv_version)
{
    *hv_version = CV_VERSION_NUMBER;
    return 0;
}

static int
test_connect_get_node_info(cv_connect *conn, cv_node_info *info)
{
    test_host *host = test_host_of(conn);

    g_strlcpy(info->model, "x86_64", sizeof(info->model));
    info->memory_kib = host->memory_kib;
    info->cpus = host->cpus;
    info->mhz = host->mhz;
    info->nodes = 1;
    info->sockets = 1;
    info->threads = 1;
    info->cores = host->cpus;
    return 0;
}

static char *
test_connect_get_capabilities(cv_connect *conn, unsigned int flags)
{
    test_host *host = test_host_of(conn);

    return g_strdup_printf(
        "<capabilities>\n"
        "  <host>\n"
        "    <cpu>\n"
        "      <arch>x86_64</arch>\n"
        "      <topology sockets='1' cores='%u' threads='1'/>\n"
        "    </cpu>\n"
        "    <memory unit='KiB'>%" G_GUINT64_FORMAT "</memory>\n"
        "  </host>\n"
        "  <guest>\n"
        "    <os_type>hvm</os_type>\n"
        "    <arch name='x86_64'>\n"
        "      <wordsize>64</wordsize>\n"
        "      <domain type='test'/>\n"
        "    </arch>\n"
        "  </guest>\n"
        "</capabilities>\n", host->cpus, host->memory_kib);
}

const cv_driver cv_test_driver = {
    .name = "test",
    .connect_open = test_connect_open,
    .connect_close = test_connect_close,
    .connect_get_hostname = test_connect_get_hostname,
    .connect_get_version = test_connect_get_version,
    .connect_get_node_info = test_connect_get_node_info,
    .connect_get_capabilities = test_connect_get_capabilities,

    .domain_define_xml = test_domain_define_xml,
    .domain_create_xml = test_domain_create_xml,
    .domain_undefine = test_domain_undefine,
    .domain_start = test_domain_start,
    .domain_shutdown = test_domain_shutdown,
    .domain_destroy = test_domain_destroy,
    .domain_reboot = test_domain_reboot,
    .domain_suspend = test_domain_suspend,
    .domain_resume = test_domain_resume,
    .domain_set_autostart = test_domain_set_autostart,
    .domain_get_autostart = test_domain_get_autostart,
    .domain_lookup_by_name = test_domain_lookup_by_name,
    .domain_lookup_by_uuid = test_domain_lookup_by_uuid,
    .domain_lookup_by_id = test_domain_lookup_by_id,
    .connect_list_all_domains = test_list_all_domains,
    .domain_get_id = test_domain_get_id,
    .domain_get_info = test_domain_get_info,
    .domain_get_state = test_domain_get_state,
    .domain_is_active = test_domain_is_active,
    .domain_is_persistent = test_domain_is_persistent,
    .domain_get_xml_desc = test_domain_get_xml_desc,
    .domain_set_vcpus = test_domain_set_vcpus,
    .domain_set_memory = test_domain_set_memory,
    .domain_attach_device = test_domain_attach_device,
    .domain_detach_device = test_domain_detach_device,

    .snapshot_create_xml = test_snapshot_create_xml,
    .domain_list_all_snapshots = test_list_all_snapshots,
    .snapshot_lookup_by_name = test_snapshot_lookup_by_name,
    .snapshot_current = test_snapshot_current,
    .snapshot_revert = test_snapshot_revert,
    .snapshot_delete = test_snapshot_delete,
    .snapshot_get_xml_desc = test_snapshot_get_xml_desc,

    .network_define_xml = test_network_define_xml,
    .network_create_xml = test_network_create_xml,
    .network_undefine = test_network_undefine,
    .network_start = test_network_start,
    .network_destroy = test_network_destroy,
    .network_lookup_by_name = test_network_lookup_by_name,
    .network_lookup_by_uuid = test_network_lookup_by_uuid,
    .connect_list_all_networks = test_list_all_networks,
    .network_get_xml_desc = test_network_get_xml_desc,
    .network_get_bridge_name = test_network_get_bridge_name,
    .network_is_active = test_network_is_active,
    .network_is_persistent = test_network_is_persistent,
    .network_set_autostart = test_network_set_autostart,
    .network_get_autostart = test_network_get_autostart,

    .pool_define_xml = test_pool_define_xml,
    .pool_start = test_pool_start,
    .pool_destroy = test_pool_destroy,
    .pool_undefine = test_pool_undefine,
    .pool_refresh = test_pool_refresh,
    .pool_lookup_by_name = test_pool_lookup_by_name,
    .connect_list_all_pools = test_list_all_pools,
    .pool_get_info = test_pool_get_info,
    .pool_get_xml_desc = test_pool_get_xml_desc,
    .pool_is_active = test_pool_is_active,
    .pool_set_autostart = test_pool_set_autostart,
    .volume_create_xml = test_volume_create_xml,
    .volume_lookup_by_name = test_volume_lookup_by_name,
    .volume_lookup_by_path = test_volume_lookup_by_path,
    .pool_list_all_volumes = test_list_all_volumes,
    .volume_get_path = test_volume_get_path,
    .volume_get_info = test_volume_get_info,
    .volume_get_xml_desc = test_volume_get_xml_desc,
    .volume_delete = test_volume_delete,
    .volume_resize = test_volume_resize,
    .volume_upload = test_volume_upload,      /* test-stream.c */
    .volume_download = test_volume_download,
};
