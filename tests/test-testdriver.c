/*
 * The embedded test driver's semantics through the public API: libvirt's
 * state machine and errors, list filters, limits, devices, snapshots,
 * networks and volumes.
 */
#include <config.h>

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <cloudvirt/cloudvirt.h>

#include "cu-main.h"

static cv_connect *conn;

static int
open_conn(void)
{
    conn = cv_connect_open("test:///default", 0);
    return conn ? 0 : 1;
}

static int
close_conn(void)
{
    cv_connect_close(conn);
    return 0;
}

static void
want(int code, const char *needle)
{
    const cv_error *err = cv_error_last();

    CU_ASSERT_PTR_NOT_NULL_FATAL(err);
    if (err->code != code || (needle && !strstr(err->message, needle)))
        fprintf(stderr, "\n  got %s: %s (wanted %s, '%s')\n",
                cv_error_code_name(err->code), err->message, cv_error_code_name(code),
                needle ? needle : "");
    CU_ASSERT_EQUAL(err->code, code);
    if (needle)
        CU_ASSERT_PTR_NOT_NULL(strstr(err->message, needle));
}

static cv_domain *
define(const char *name, const char *extra)
{
    g_autofree char *xml = g_strdup_printf(
        "<domain type='test'><name>%s</name><memory unit='MiB'>512</memory>"
        "<currentMemory unit='MiB'>256</currentMemory><vcpu current='1'>2</vcpu>"
        "<os><type>hvm</type></os>%s</domain>", name, extra ? extra : "");
    return cv_domain_define_xml(conn, xml, 0);
}

static int
state_of(cv_domain *dom)
{
    int state = -1;

    CU_ASSERT_EQUAL(cv_domain_get_state(dom, &state, NULL, 0), 0);
    return state;
}

static void
invalid_transitions_fail_like_libvirt(void)
{
    cv_domain *dom = define("trans", NULL);

    CU_ASSERT_PTR_NOT_NULL_FATAL(dom);
    CU_ASSERT_EQUAL(cv_domain_get_id(dom), -1);
    CU_ASSERT_PTR_NULL(cv_error_last());   /* -1 here is "not running", no error */
    CU_ASSERT_EQUAL(cv_domain_destroy(dom, 0), -1);
    want(CV_ERR_OPERATION_INVALID, "not running");
    CU_ASSERT_EQUAL(cv_domain_suspend(dom, 0), -1);
    want(CV_ERR_OPERATION_INVALID, "not running");
    CU_ASSERT_EQUAL(cv_domain_start(dom, 0), 0);
    CU_ASSERT(cv_domain_get_id(dom) > 0);
    CU_ASSERT_EQUAL(cv_domain_start(dom, 0), -1);
    want(CV_ERR_OPERATION_INVALID, "already running");
    CU_ASSERT_EQUAL(cv_domain_resume(dom, 0), -1);
    want(CV_ERR_OPERATION_INVALID, "not paused");
    CU_ASSERT_EQUAL(cv_domain_suspend(dom, 0), 0);
    CU_ASSERT_EQUAL(state_of(dom), CV_DOMAIN_PAUSED);
    CU_ASSERT_EQUAL(cv_domain_suspend(dom, 0), -1);
    want(CV_ERR_OPERATION_INVALID, "already paused");
    CU_ASSERT_EQUAL(cv_domain_shutdown(dom, 0), -1);
    want(CV_ERR_OPERATION_INVALID, "paused");
    CU_ASSERT_EQUAL(cv_domain_resume(dom, 0), 0);
    CU_ASSERT_EQUAL(cv_domain_reboot(dom, 0), 0);
    CU_ASSERT_EQUAL(state_of(dom), CV_DOMAIN_RUNNING);
    CU_ASSERT_EQUAL(cv_domain_shutdown(dom, 0), 0);
    CU_ASSERT_EQUAL(state_of(dom), CV_DOMAIN_SHUTOFF);
    CU_ASSERT_EQUAL(cv_domain_undefine(dom, 0), 0);
    cv_domain_free(dom);
}

static void
transient_domains_vanish_when_stopped(void)
{
    cv_domain *dom = cv_domain_create_xml(conn,
        "<domain type='test'><name>trans2</name><memory>65536</memory></domain>",
        CV_DOMAIN_START_PAUSED);

    CU_ASSERT_PTR_NOT_NULL_FATAL(dom);
    CU_ASSERT_EQUAL(cv_domain_is_persistent(dom), 0);
    CU_ASSERT_EQUAL(state_of(dom), CV_DOMAIN_PAUSED);
    CU_ASSERT_EQUAL(cv_domain_undefine(dom, 0), -1);
    want(CV_ERR_OPERATION_INVALID, "transient");
    CU_ASSERT_EQUAL(cv_domain_set_autostart(dom, 1, 0), -1);
    want(CV_ERR_OPERATION_INVALID, "transient");
    CU_ASSERT_EQUAL(cv_domain_destroy(dom, 0), 0);
    CU_ASSERT_EQUAL(cv_domain_is_active(dom), -1);
    want(CV_ERR_NO_DOMAIN, "trans2");
    cv_domain_free(dom);
}

static void
undefining_a_running_domain_makes_it_transient(void)
{
    cv_domain *dom = define("rununder", NULL);

    CU_ASSERT_PTR_NOT_NULL_FATAL(dom);
    CU_ASSERT_EQUAL(cv_domain_start(dom, 0), 0);
    CU_ASSERT_EQUAL(cv_domain_undefine(dom, 0), 0);
    CU_ASSERT_EQUAL(cv_domain_is_active(dom), 1);
    CU_ASSERT_EQUAL(cv_domain_is_persistent(dom), 0);
    CU_ASSERT_EQUAL(cv_domain_destroy(dom, 0), 0);
    CU_ASSERT_PTR_NULL(cv_domain_lookup_by_name(conn, "rununder"));
    want(CV_ERR_NO_DOMAIN, "rununder");
    cv_domain_free(dom);
}

static void
duplicates_are_refused(void)
{
    cv_domain *a = define("dup", NULL);
    cv_domain *b;
    char uuid[CV_UUID_STRING_BUFLEN];
    g_autofree char *xml = NULL;

    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    /* Same name, new UUID: refused; same name and UUID: an update. */
    CU_ASSERT_PTR_NULL(define("dup", NULL));
    want(CV_ERR_DUPLICATE, "dup");
    cv_domain_get_uuid_string(a, uuid);
    xml = g_strdup_printf("<uuid>%s</uuid>", uuid);
    b = define("dup", xml);
    CU_ASSERT_PTR_NOT_NULL(b);
    cv_domain_free(b);
    /* Another name with a taken UUID: refused. */
    CU_ASSERT_PTR_NULL(define("dup-other", xml));
    want(CV_ERR_DUPLICATE, uuid);
    CU_ASSERT_EQUAL(cv_domain_undefine(a, 0), 0);
    cv_domain_free(a);
}

static void
lookups_by_name_uuid_and_id_agree(void)
{
    cv_domain *byname = cv_domain_lookup_by_name(conn, "test");
    cv_domain *byid, *byuuid;
    unsigned char uuid[CV_UUID_BUFLEN];

    CU_ASSERT_PTR_NOT_NULL_FATAL(byname);
    byid = cv_domain_lookup_by_id(conn, cv_domain_get_id(byname));
    cv_domain_get_uuid(byname, uuid);
    byuuid = cv_domain_lookup_by_uuid(conn, uuid);
    CU_ASSERT_PTR_NOT_NULL_FATAL(byid);
    CU_ASSERT_PTR_NOT_NULL_FATAL(byuuid);
    CU_ASSERT_STRING_EQUAL(cv_domain_get_name(byid), "test");
    CU_ASSERT_STRING_EQUAL(cv_domain_get_name(byuuid), "test");
    CU_ASSERT_PTR_NULL(cv_domain_lookup_by_id(conn, 9999));
    want(CV_ERR_NO_DOMAIN, "9999");
    CU_ASSERT_PTR_NULL(cv_domain_lookup_by_uuid_string(conn, "zzz"));
    want(CV_ERR_INVALID_ARG, "zzz");
    cv_domain_free(byname);
    cv_domain_free(byid);
    cv_domain_free(byuuid);
}

static void
list_filters_combine_like_libvirt(void)
{
    cv_domain *off = define("f-off", NULL);
    cv_domain *paused = define("f-paused", NULL);

    CU_ASSERT_PTR_NOT_NULL_FATAL(off);
    CU_ASSERT_PTR_NOT_NULL_FATAL(paused);
    CU_ASSERT_EQUAL(cv_domain_start(paused, CV_DOMAIN_START_PAUSED), 0);
    CU_ASSERT_EQUAL(cv_domain_set_autostart(off, 1, 0), 0);
    /* Preloaded "test" runs; f-paused is paused; f-off is shut off. */
    CU_ASSERT_EQUAL(cv_connect_list_all_domains(conn, NULL, CV_LIST_DOMAINS_ACTIVE), 2);
    CU_ASSERT_EQUAL(cv_connect_list_all_domains(conn, NULL, CV_LIST_DOMAINS_INACTIVE), 1);
    CU_ASSERT_EQUAL(cv_connect_list_all_domains(conn, NULL, CV_LIST_DOMAINS_PAUSED), 1);
    CU_ASSERT_EQUAL(cv_connect_list_all_domains(conn, NULL,
                                                CV_LIST_DOMAINS_RUNNING |
                                                CV_LIST_DOMAINS_SHUTOFF), 2);
    CU_ASSERT_EQUAL(cv_connect_list_all_domains(conn, NULL, CV_LIST_DOMAINS_AUTOSTART), 1);
    CU_ASSERT_EQUAL(cv_connect_list_all_domains(conn, NULL, CV_LIST_DOMAINS_ACTIVE |
                                                CV_LIST_DOMAINS_AUTOSTART), 0);
    CU_ASSERT_EQUAL(cv_connect_list_all_domains(conn, NULL, CV_LIST_DOMAINS_TRANSIENT), 0);
    CU_ASSERT_EQUAL(cv_domain_destroy(paused, 0), 0);
    CU_ASSERT_EQUAL(cv_domain_undefine(paused, 0), 0);
    CU_ASSERT_EQUAL(cv_domain_undefine(off, 0), 0);
    cv_domain_free(off);
    cv_domain_free(paused);
}

static void
vcpus_and_memory_respect_maxima(void)
{
    cv_domain *dom = define("limits", NULL);
    cv_domain_info info = CV_DOMAIN_INFO_INIT;
    g_autofree char *inactive = NULL;

    CU_ASSERT_PTR_NOT_NULL_FATAL(dom);
    CU_ASSERT_EQUAL(cv_domain_start(dom, 0), 0);
    CU_ASSERT_EQUAL(cv_domain_set_vcpus(dom, 3, CV_DOMAIN_AFFECT_LIVE), -1);
    want(CV_ERR_RESOURCE_LIMIT, "maximum is 2");
    CU_ASSERT_EQUAL(cv_domain_set_vcpus(dom, 2, CV_DOMAIN_AFFECT_LIVE), 0);
    CU_ASSERT_EQUAL(cv_domain_set_vcpus(dom, 64, CV_DOMAIN_AFFECT_CONFIG |
                                        CV_DOMAIN_SET_MAXIMUM), -1);
    want(CV_ERR_RESOURCE_LIMIT, "host has 16 CPUs");
    CU_ASSERT_EQUAL(cv_domain_set_vcpus(dom, 4, CV_DOMAIN_AFFECT_LIVE |
                                        CV_DOMAIN_SET_MAXIMUM), -1);
    want(CV_ERR_OPERATION_INVALID, "persistent config");
    CU_ASSERT_EQUAL(cv_domain_set_vcpus(dom, 4, CV_DOMAIN_AFFECT_CONFIG |
                                        CV_DOMAIN_SET_MAXIMUM), 0);
    CU_ASSERT_EQUAL(cv_domain_set_memory(dom, 1024 * 1024, CV_DOMAIN_AFFECT_LIVE), -1);
    want(CV_ERR_RESOURCE_LIMIT, "maximum");
    CU_ASSERT_EQUAL(cv_domain_set_memory(dom, 300 * 1024, 0), 0);   /* current = live */
    CU_ASSERT_EQUAL(cv_domain_set_memory(dom, 64ULL << 20, CV_DOMAIN_AFFECT_CONFIG |
                                         CV_DOMAIN_SET_MAXIMUM), -1);
    want(CV_ERR_RESOURCE_LIMIT, "host has");
    CU_ASSERT_EQUAL(cv_domain_get_info(dom, &info), 0);
    CU_ASSERT_EQUAL(info.memory_kib, 300 * 1024);
    CU_ASSERT_EQUAL(info.nr_vcpus, 2);
    CU_ASSERT_EQUAL(info.max_vcpus, 2);   /* live maximum unchanged */
    inactive = cv_domain_get_xml_desc(dom, CV_DOMAIN_XML_INACTIVE);
    CU_ASSERT_PTR_NOT_NULL(strstr(inactive, "<vcpu current='1'>4</vcpu>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(inactive, "<currentMemory unit='KiB'>262144<"));
    CU_ASSERT_EQUAL(cv_domain_destroy(dom, 0), 0);
    CU_ASSERT_EQUAL(cv_domain_get_info(dom, &info), 0);
    CU_ASSERT_EQUAL(info.max_vcpus, 4);   /* the config takes over when stopped */
    CU_ASSERT_EQUAL(cv_domain_set_memory(dom, 1024, CV_DOMAIN_AFFECT_LIVE), -1);
    want(CV_ERR_OPERATION_INVALID, "not running");
    CU_ASSERT_EQUAL(cv_domain_undefine(dom, 0), 0);
    cv_domain_free(dom);
}

static void
disks_and_interfaces_attach_and_detach(void)
{
    cv_domain *dom = define("devs", NULL);
    g_autofree char *live = NULL;
    g_autofree char *cfg = NULL;
    static const char disk[] = "<disk type='file'><source file='/tmp/d.img'/>"
                               "<target dev='vdb' bus='virtio'/></disk>";
    static const char nic[] = "<interface type='network'><mac address='52:54:00:aa:bb:cc'/>"
                              "<source network='default'/></interface>";

    CU_ASSERT_PTR_NOT_NULL_FATAL(dom);
    CU_ASSERT_EQUAL(cv_domain_attach_device(dom, disk, CV_DOMAIN_AFFECT_LIVE), -1);
    want(CV_ERR_OPERATION_INVALID, "not running");
    CU_ASSERT_EQUAL(cv_domain_start(dom, 0), 0);
    CU_ASSERT_EQUAL(cv_domain_attach_device(dom, disk, CV_DOMAIN_AFFECT_LIVE), 0);
    CU_ASSERT_EQUAL(cv_domain_attach_device(dom, disk, CV_DOMAIN_AFFECT_LIVE), -1);
    want(CV_ERR_DUPLICATE, "vdb");
    CU_ASSERT_EQUAL(cv_domain_attach_device(dom, nic, CV_DOMAIN_AFFECT_LIVE |
                                            CV_DOMAIN_AFFECT_CONFIG), 0);
    live = cv_domain_get_xml_desc(dom, 0);
    cfg = cv_domain_get_xml_desc(dom, CV_DOMAIN_XML_INACTIVE);
    CU_ASSERT_PTR_NOT_NULL(strstr(live, "vdb"));
    CU_ASSERT_PTR_NULL(strstr(cfg, "vdb"));
    CU_ASSERT_PTR_NOT_NULL(strstr(live, "52:54:00:aa:bb:cc"));
    CU_ASSERT_PTR_NOT_NULL(strstr(cfg, "52:54:00:aa:bb:cc"));
    CU_ASSERT_EQUAL(cv_domain_detach_device(dom, "<disk><target dev='vdz'/></disk>",
                                            CV_DOMAIN_AFFECT_LIVE), -1);
    want(CV_ERR_OPERATION_INVALID, "vdz");
    CU_ASSERT_EQUAL(cv_domain_detach_device(dom, "<disk><target dev='vdb'/></disk>",
                                            CV_DOMAIN_AFFECT_LIVE), 0);
    CU_ASSERT_EQUAL(cv_domain_detach_device(dom, nic, CV_DOMAIN_AFFECT_LIVE), 0);
    g_free(live);
    live = cv_domain_get_xml_desc(dom, 0);
    CU_ASSERT_PTR_NULL(strstr(live, "vdb"));
    CU_ASSERT_PTR_NULL(strstr(live, "52:54:00:aa:bb:cc"));
    CU_ASSERT_EQUAL(cv_domain_attach_device(dom, "<video/>", 0), -1);
    want(CV_ERR_XML, "<disk>");
    CU_ASSERT_EQUAL(cv_domain_destroy(dom, 0), 0);
    CU_ASSERT_EQUAL(cv_domain_undefine(dom, 0), 0);
    cv_domain_free(dom);
}

static void
snapshot_revert_restores_config_and_state(void)
{
    cv_domain *dom = define("snappy", NULL);
    cv_snapshot *s_off, *s_run, *cur;
    cv_snapshot **list = NULL;
    cv_domain_info info = CV_DOMAIN_INFO_INIT;
    int n;

    CU_ASSERT_PTR_NOT_NULL_FATAL(dom);
    s_off = cv_snapshot_create_xml(dom, "<domainsnapshot><name>off</name></domainsnapshot>", 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s_off);
    CU_ASSERT_EQUAL(cv_domain_start(dom, 0), 0);
    CU_ASSERT_EQUAL(cv_domain_set_memory(dom, 128 * 1024, CV_DOMAIN_AFFECT_LIVE), 0);
    CU_ASSERT_EQUAL(cv_domain_suspend(dom, 0), 0);
    s_run = cv_snapshot_create_xml(dom, "<domainsnapshot><name>paused-128</name>"
                                        "<description>d</description></domainsnapshot>", 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s_run);
    CU_ASSERT_PTR_NULL(cv_snapshot_create_xml(dom, "<domainsnapshot><name>off</name>"
                                                   "</domainsnapshot>", 0));
    want(CV_ERR_DUPLICATE, "off");

    /* Back to shut off with the original config. */
    CU_ASSERT_EQUAL(cv_snapshot_revert(s_off, 0), 0);
    CU_ASSERT_EQUAL(state_of(dom), CV_DOMAIN_SHUTOFF);
    CU_ASSERT_EQUAL(cv_domain_get_info(dom, &info), 0);
    CU_ASSERT_EQUAL(info.memory_kib, 256 * 1024);
    /* Forward to paused with 128 MiB. */
    CU_ASSERT_EQUAL(cv_snapshot_revert(s_run, 0), 0);
    CU_ASSERT_EQUAL(state_of(dom), CV_DOMAIN_PAUSED);
    CU_ASSERT_EQUAL(cv_domain_get_info(dom, &info), 0);
    CU_ASSERT_EQUAL(info.memory_kib, 128 * 1024);
    cur = cv_snapshot_current(dom, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(cur);
    CU_ASSERT_STRING_EQUAL(cv_snapshot_get_name(cur), "paused-128");
    n = cv_domain_list_all_snapshots(dom, &list, 0);
    CU_ASSERT_EQUAL(n, 2);
    for (int i = 0; i < n; i++)
        cv_snapshot_free(list[i]);
    cv_free(list);

    CU_ASSERT_EQUAL(cv_domain_destroy(dom, 0), 0);
    CU_ASSERT_EQUAL(cv_domain_undefine(dom, 0), -1);
    want(CV_ERR_OPERATION_INVALID, "snapshot");
    CU_ASSERT_EQUAL(cv_snapshot_delete(s_off, 0), 0);
    CU_ASSERT_EQUAL(cv_snapshot_revert(s_off, 0), -1);
    want(CV_ERR_NO_SNAPSHOT, "off");
    CU_ASSERT_EQUAL(cv_domain_undefine(dom, CV_DOMAIN_UNDEFINE_SNAPSHOTS), 0);
    cv_snapshot_free(cur);
    cv_snapshot_free(s_off);
    cv_snapshot_free(s_run);
    cv_domain_free(dom);
}

static void
networks_validate_and_refuse_overlap(void)
{
    cv_network *net;
    g_autofree char *br = NULL;

    CU_ASSERT_PTR_NULL(cv_network_define_xml(conn,
        "<network><name>clash</name><ip address='192.168.122.200' prefix='25'/></network>", 0));
    want(CV_ERR_NETWORK_CONFLICT, "overlaps");
    CU_ASSERT_PTR_NULL(cv_network_define_xml(conn,
        "<network><name>clash</name><bridge name='virbr0'/></network>", 0));
    want(CV_ERR_NETWORK_CONFLICT, "virbr0");
    net = cv_network_define_xml(conn,
        "<network><name>lab</name><ip address='10.9.0.1' prefix='24'/></network>", 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(net);
    br = cv_network_get_bridge_name(net);
    CU_ASSERT_STRING_EQUAL(br, "virbr1");
    CU_ASSERT_EQUAL(cv_network_is_active(net), 0);
    CU_ASSERT_EQUAL(cv_network_destroy(net, 0), -1);
    want(CV_ERR_OPERATION_INVALID, "not active");
    CU_ASSERT_EQUAL(cv_network_start(net, 0), 0);
    CU_ASSERT_EQUAL(cv_network_start(net, 0), -1);
    want(CV_ERR_OPERATION_INVALID, "already active");
    CU_ASSERT_EQUAL(cv_connect_list_all_networks(conn, NULL, CV_LIST_NETWORKS_ACTIVE), 2);
    CU_ASSERT_EQUAL(cv_network_undefine(net, 0), 0);   /* stays, transient */
    CU_ASSERT_EQUAL(cv_network_is_persistent(net), 0);
    CU_ASSERT_EQUAL(cv_network_destroy(net, 0), 0);
    CU_ASSERT_PTR_NULL(cv_network_lookup_by_name(conn, "lab"));
    want(CV_ERR_NO_NETWORK, "lab");
    cv_network_free(net);
}

static void
volumes_are_real_files(void)
{
    cv_pool *pool = cv_pool_lookup_by_name(conn, "default");
    cv_volume *vol;
    cv_volume_info info = CV_VOLUME_INFO_INIT;
    g_autofree char *path = NULL;
    GStatBuf st;

    CU_ASSERT_PTR_NOT_NULL_FATAL(pool);
    vol = cv_volume_create_xml(pool, "<volume><name>disk.raw</name>"
                                     "<capacity unit='MiB'>8</capacity></volume>", 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(vol);
    path = cv_volume_get_path(vol);
    CU_ASSERT_EQUAL(g_stat(path, &st), 0);
    CU_ASSERT_EQUAL(st.st_size, 8 << 20);
    CU_ASSERT_PTR_NULL(cv_volume_create_xml(pool, "<volume><name>disk.raw</name>"
                                                  "<capacity>1</capacity></volume>", 0));
    want(CV_ERR_DUPLICATE, "disk.raw");
    CU_ASSERT_EQUAL(cv_volume_resize(vol, 4 << 20, 0), -1);
    want(CV_ERR_OPERATION_INVALID, "shrink");
    CU_ASSERT_EQUAL(cv_volume_resize(vol, 16 << 20, 0), 0);
    CU_ASSERT_EQUAL(cv_volume_get_info(vol, &info), 0);
    CU_ASSERT_EQUAL(info.capacity, 16 << 20);
    {
        /* A running domain using the volume keeps it from being deleted. */
        g_autofree char *extra = g_strdup_printf(
            "<devices><disk type='file'><source file='%s'/><target dev='vda'/></disk>"
            "</devices>", path);
        cv_domain *dom = define("user", extra);
        CU_ASSERT_PTR_NOT_NULL_FATAL(dom);
        CU_ASSERT_EQUAL(cv_domain_start(dom, 0), 0);
        CU_ASSERT_EQUAL(cv_volume_delete(vol, 0), -1);
        want(CV_ERR_BUSY, "user");
        CU_ASSERT_EQUAL(cv_domain_destroy(dom, 0), 0);
        CU_ASSERT_EQUAL(cv_domain_undefine(dom, 0), 0);
        cv_domain_free(dom);
    }
    CU_ASSERT_EQUAL(cv_volume_delete(vol, 0), 0);
    CU_ASSERT_NOT_EQUAL(g_stat(path, &st), 0);
    cv_volume_free(vol);
    cv_pool_free(pool);
}

static CU_TestInfo domain_tests[] = {
    CU_CASE(invalid_transitions_fail_like_libvirt),
    CU_CASE(transient_domains_vanish_when_stopped),
    CU_CASE(undefining_a_running_domain_makes_it_transient),
    CU_CASE(duplicates_are_refused),
    CU_CASE(lookups_by_name_uuid_and_id_agree),
    CU_CASE(list_filters_combine_like_libvirt),
    CU_CASE(vcpus_and_memory_respect_maxima),
    CU_CASE(disks_and_interfaces_attach_and_detach),
    CU_CASE(snapshot_revert_restores_config_and_state),
    CU_TEST_INFO_NULL,
};

static CU_TestInfo other_tests[] = {
    CU_CASE(networks_validate_and_refuse_overlap),
    CU_CASE(volumes_are_real_files),
    CU_TEST_INFO_NULL,
};

static const cu_suite cu_suites[] = {
    { "test-driver-domains", open_conn, close_conn, domain_tests },
    { "test-driver-networks-storage", open_conn, close_conn, other_tests },
    CU_SUITE_END,
};

CU_MAIN()
