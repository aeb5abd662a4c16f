/*
 * XML definitions: common libvirt XML round-trips; malformed, hostile,
 * unsupported and absurd input is refused with an error naming the culprit.
 */
#include <config.h>

#include <string.h>

#include "core/error.h"
#include "core/xml/domain-conf.h"
#include "core/xml/network-conf.h"
#include "core/xml/storage-conf.h"
#include "core/xml/snapshot-conf.h"
#include "cu-main.h"

static void
expect_error(int code, const char *needle)
{
    const cv_error *err = cv_error_last();

    CU_ASSERT_PTR_NOT_NULL_FATAL(err);
    if (err->code != code || (needle && !strstr(err->message, needle)))
        fprintf(stderr, "\n  got %s: %s (wanted %s with '%s')\n",
                cv_error_code_name(err->code), err->message,
                cv_error_code_name(code), needle ? needle : "");
    CU_ASSERT_EQUAL(err->code, code);
    if (needle)
        CU_ASSERT_PTR_NOT_NULL(strstr(err->message, needle));
    cv_error_reset();
}

static void
domain_refused(const char *xml, int code, const char *needle)
{
    cv_domain_def *def = cv_domain_def_parse(xml);

    CU_ASSERT_PTR_NULL(def);
    cv_domain_def_free(def);
    expect_error(code, needle);
}

/* A domain as virt-install writes it, trimmed to what cloudvirt supports. */
static const char virt_install_domain[] =
    "<domain type='kvm'>\n"
    "  <name>web01</name>\n"
    "  <uuid>c7a5fdbd-cdaf-9455-926a-d65c16db1809</uuid>\n"
    "  <title>Web server</title>\n"
    "  <metadata>\n"
    "    <libosinfo:libosinfo xmlns:libosinfo='http://libosinfo.org/xmlns/libvirt/domain/1.0'>\n"
    "      <libosinfo:os id='http://debian.org/debian/12'/>\n"
    "    </libosinfo:libosinfo>\n"
    "  </metadata>\n"
    "  <memory unit='KiB'>2097152</memory>\n"
    "  <currentMemory unit='KiB'>1048576</currentMemory>\n"
    "  <vcpu placement='static' current='2'>4</vcpu>\n"
    "  <os>\n"
    "    <type arch='x86_64' machine='pc-q35-7.2'>hvm</type>\n"
    "    <boot dev='hd'/>\n"
    "  </os>\n"
    "  <features>\n"
    "    <acpi/>\n"
    "    <apic/>\n"
    "  </features>\n"
    "  <cpu mode='host-passthrough' check='none' migratable='on'/>\n"
    "  <clock offset='utc'/>\n"
    "  <on_poweroff>destroy</on_poweroff>\n"
    "  <on_reboot>restart</on_reboot>\n"
    "  <on_crash>destroy</on_crash>\n"
    "  <pm>\n"
    "    <suspend-to-mem enabled='no'/>\n"
    "  </pm>\n"
    "  <devices>\n"
    "    <emulator>/usr/bin/qemu-system-x86_64</emulator>\n"
    "    <disk type='file' device='disk'>\n"
    "      <driver name='qemu' type='qcow2' cache='none'/>\n"
    "      <source file='/var/lib/libvirt/images/web01.qcow2'/>\n"
    "      <target dev='vda' bus='virtio'/>\n"
    "    </disk>\n"
    "    <disk type='file' device='cdrom'>\n"
    "      <driver name='qemu' type='raw'/>\n"
    "      <target dev='sda' bus='sata'/>\n"
    "      <readonly/>\n"
    "    </disk>\n"
    "    <controller type='usb' model='qemu-xhci' ports='15'/>\n"
    "    <interface type='network'>\n"
    "      <mac address='52:54:00:6b:3c:58'/>\n"
    "      <source network='default'/>\n"
    "      <model type='virtio'/>\n"
    "    </interface>\n"
    "    <serial type='pty'>\n"
    "      <target port='0'/>\n"
    "    </serial>\n"
    "    <console type='pty'/>\n"
    "    <graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'/>\n"
    "    <video>\n"
    "      <model type='virtio' heads='1' primary='yes'/>\n"
    "    </video>\n"
    "    <memballoon model='virtio'/>\n"
    "    <rng model='virtio'>\n"
    "      <backend model='random'>/dev/urandom</backend>\n"
    "    </rng>\n"
    "  </devices>\n"
    "</domain>\n";

static void
virt_install_domain_round_trips(void)
{
    g_autoptr(cv_domain_def) def = cv_domain_def_parse(virt_install_domain);
    g_autoptr(cv_domain_def) again = NULL;
    g_autofree char *out = NULL;
    g_autofree char *out2 = NULL;

    CU_ASSERT_PTR_NOT_NULL_FATAL(def);
    CU_ASSERT_STRING_EQUAL(def->name, "web01");
    CU_ASSERT_EQUAL(def->max_memory_kib, 2097152);
    CU_ASSERT_EQUAL(def->memory_kib, 1048576);
    CU_ASSERT_EQUAL(def->max_vcpus, 4);
    CU_ASSERT_EQUAL(def->vcpus, 2);
    CU_ASSERT_EQUAL(def->disks->len, 2);
    CU_ASSERT_EQUAL(def->ifaces->len, 1);
    CU_ASSERT_TRUE(def->acpi);
    out = cv_domain_def_format(def, -1, 0);
    /* What we do not interpret is kept, not dropped. */
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "qemu-xhci"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "host-passthrough"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "/dev/urandom"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "libosinfo"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "suspend-to-mem"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "<mac address='52:54:00:6b:3c:58'/>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "<vcpu current='2'>4</vcpu>"));
    /* Formatting is a fixed point: parse(format(x)) formats the same. */
    again = cv_domain_def_parse(out);
    CU_ASSERT_PTR_NOT_NULL_FATAL(again);
    out2 = cv_domain_def_format(again, -1, 0);
    CU_ASSERT_STRING_EQUAL(out, out2);
    if (strcmp(out, out2) != 0)
        fprintf(stderr, "\n--- first\n%s--- second\n%s", out, out2);
}

static void
minimal_domain_gets_defaults(void)
{
    g_autoptr(cv_domain_def) def = cv_domain_def_parse(
        "<domain type='qemu'><name>m</name><memory>1024</memory>"
        "<devices><interface type='network'><source network='default'/>"
        "</interface></devices></domain>");
    g_autofree char *out = NULL;

    CU_ASSERT_PTR_NOT_NULL_FATAL(def);
    CU_ASSERT_EQUAL(def->max_vcpus, 1);
    CU_ASSERT_EQUAL(def->memory_kib, 1024);
    CU_ASSERT_STRING_EQUAL(def->os_type, "hvm");
    /* A MAC is generated in libvirt's 52:54:00 range. */
    CU_ASSERT_TRUE(g_str_has_prefix(((cv_iface_def *)g_ptr_array_index(def->ifaces, 0))->mac,
                                    "52:54:00:"));
    out = cv_domain_def_format(def, 7, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "id='7'"));
    g_free(out);
    out = cv_domain_def_format(def, 7, CV_DOMAIN_DEF_FORMAT_INACTIVE);
    CU_ASSERT_PTR_NULL(strstr(out, "id='7'"));
}

static void
memory_units_scale_like_libvirt(void)
{
    g_autoptr(cv_domain_def) g = cv_domain_def_parse(
        "<domain type='test'><name>u</name><memory unit='GiB'>2</memory>"
        "<currentMemory unit='MB'>1000</currentMemory></domain>");

    CU_ASSERT_PTR_NOT_NULL_FATAL(g);
    CU_ASSERT_EQUAL(g->max_memory_kib, 2 * 1024 * 1024);
    CU_ASSERT_EQUAL(g->memory_kib, 976563);   /* 10^9 bytes, rounded up to KiB */
}

static void
refuses_malformed_xml(void)
{
    domain_refused("<domain type='test'><name>x</name>", CV_ERR_XML, "malformed");
    domain_refused("", CV_ERR_XML, NULL);
    domain_refused("<network><name>x</name></network>", CV_ERR_XML, "expected a <domain>");
    domain_refused("<domain type='test'><name>&undefined;</name><memory>1</memory></domain>",
                   CV_ERR_XML, NULL);
}

static void
refuses_external_entities(void)
{
    domain_refused("<?xml version='1.0'?>\n"
                   "<!DOCTYPE domain [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>\n"
                   "<domain type='test'><name>&xxe;</name><memory>1</memory></domain>",
                   CV_ERR_XML, "DOCTYPE");
    domain_refused("<!DOCTYPE domain SYSTEM 'http://example.invalid/x.dtd'>"
                   "<domain type='test'><name>x</name><memory>1</memory></domain>",
                   CV_ERR_XML, "DOCTYPE");
}

static void
refuses_entity_bomb(void)
{
    GString *bomb = g_string_new("<?xml version='1.0'?>\n<!DOCTYPE lolz [\n"
                                 " <!ENTITY lol 'lol'>\n");
    for (int i = 1; i < 10; i++) {
        g_string_append_printf(bomb, " <!ENTITY lol%d '", i);
        for (int j = 0; j < 10; j++) {
            if (i == 1)
                g_string_append(bomb, "&lol;");
            else
                g_string_append_printf(bomb, "&lol%d;", i - 1);
        }
        g_string_append(bomb, "'>\n");
    }
    g_string_append(bomb, "]>\n<domain type='test'><name>&lol9;</name><memory>1</memory></domain>");
    domain_refused(bomb->str, CV_ERR_XML, NULL);
    g_string_free(bomb, TRUE);
}

static void
refuses_oversized_document(void)
{
    size_t n = 5u << 20;
    char *big = g_malloc(n + 64);

    memset(big, ' ', n + 63);
    memcpy(big, "<domain type='test'>", 20);
    strcpy(big + n, "</domain>");
    domain_refused(big, CV_ERR_XML, "more than");
    g_free(big);
}

static void
refuses_unknown_elements_and_attributes_by_name(void)
{
    domain_refused("<domain type='test'><name>x</name><memory>1</memory><frobnicate/></domain>",
                   CV_ERR_XML_UNSUPPORTED, "<frobnicate>");
    domain_refused("<domain type='test' bogus='1'><name>x</name><memory>1</memory></domain>",
                   CV_ERR_XML_UNSUPPORTED, "'bogus'");
    domain_refused("<domain type='test'><name>x</name><memory>1</memory>"
                   "<devices><hostdev mode='subsystem'/></devices></domain>",
                   CV_ERR_XML_UNSUPPORTED, "<hostdev>");
    domain_refused("<domain type='test'><name>x</name><memory>1</memory>"
                   "<devices><disk type='file'><target dev='vda'/><bad/></disk></devices></domain>",
                   CV_ERR_XML_UNSUPPORTED, "<bad>");
    domain_refused("<domain type='vmware'><name>x</name><memory>1</memory></domain>",
                   CV_ERR_XML_UNSUPPORTED, "vmware");
}

static void
refuses_absurd_sizes(void)
{
    domain_refused("<domain type='test'><name>x</name>"
                   "<memory unit='KiB'>1180591620717411303424</memory></domain>",
                   CV_ERR_XML, "<memory>");
    domain_refused("<domain type='test'><name>x</name><memory unit='TiB'>100000</memory></domain>",
                   CV_ERR_XML, "maximum");
    domain_refused("<domain type='test'><name>x</name><memory>1</memory>"
                   "<vcpu>1000000</vcpu></domain>", CV_ERR_XML, "<vcpu>");
    domain_refused("<domain type='test'><name>x</name><memory>1</memory>"
                   "<vcpu current='5'>4</vcpu></domain>", CV_ERR_XML, "current");
    domain_refused("<domain type='test'><name>x</name><memory>0</memory></domain>",
                   CV_ERR_XML, "is 0");
    domain_refused("<domain type='test'><name>x</name><memory unit='parsec'>1</memory></domain>",
                   CV_ERR_XML, "parsec");
}

static void
refuses_bad_names_uuids_and_macs(void)
{
    domain_refused("<domain type='test'><name>a/b</name><memory>1</memory></domain>",
                   CV_ERR_XML, "'/'");
    domain_refused("<domain type='test'><name></name><memory>1</memory></domain>",
                   CV_ERR_XML, "empty name");
    domain_refused("<domain type='test'><memory>1</memory></domain>", CV_ERR_XML, "<name>");
    domain_refused("<domain type='test'><name>x</name><uuid>not-a-uuid</uuid>"
                   "<memory>1</memory></domain>", CV_ERR_XML, "not-a-uuid");
    domain_refused("<domain type='test'><name>x</name><memory>1</memory><devices>"
                   "<interface type='user'><mac address='zz:00:00:00:00:00'/></interface>"
                   "</devices></domain>", CV_ERR_XML, "zz:00");
    domain_refused("<domain type='test'><name>x</name><memory>1</memory><devices>"
                   "<interface type='user'><mac address='01:00:00:00:00:00'/></interface>"
                   "</devices></domain>", CV_ERR_XML, "multicast");
    domain_refused("<domain type='test'><name>x</name><memory>1</memory><devices>"
                   "<disk type='file'><target dev='vda'/></disk>"
                   "<disk type='file'><target dev='vda'/></disk></devices></domain>",
                   CV_ERR_XML, "vda");
}

static void
device_xml_for_attach(void)
{
    cv_disk_def *disk = NULL;
    cv_iface_def *iface = NULL;

    CU_ASSERT_EQUAL(cv_domain_device_parse("<disk type='file' device='disk'>"
                                           "<source file='/tmp/x.img'/>"
                                           "<target dev='vdb' bus='virtio'/></disk>",
                                           &disk, &iface), 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(disk);
    CU_ASSERT_PTR_NULL(iface);
    CU_ASSERT_STRING_EQUAL(disk->target_dev, "vdb");
    CU_ASSERT_STRING_EQUAL(disk->source, "/tmp/x.img");
    cv_disk_def_free(disk);

    CU_ASSERT_EQUAL(cv_domain_device_parse("<interface type='bridge'><source bridge='br0'/>"
                                           "<mac address='52:54:00:00:00:01'/></interface>",
                                           &disk, &iface), 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(iface);
    CU_ASSERT_STRING_EQUAL(iface->source, "br0");
    cv_iface_def_free(iface);

    CU_ASSERT_EQUAL(cv_domain_device_parse("<disk type='file'/>", &disk, &iface), -1);
    expect_error(CV_ERR_XML, "target");
    CU_ASSERT_EQUAL(cv_domain_device_parse("<video/>", &disk, &iface), -1);
    expect_error(CV_ERR_XML, "<disk>");
}

/* ---- networks ---- */

static void
network_refused(const char *xml, int code, const char *needle)
{
    cv_network_def *def = cv_network_def_parse(xml);

    CU_ASSERT_PTR_NULL(def);
    cv_network_def_free(def);
    expect_error(code, needle);
}

static void
default_network_round_trips(void)
{
    static const char xml[] =
        "<network><name>default</name><forward mode='nat'/>"
        "<bridge name='virbr0' stp='on' delay='0'/>"
        "<ip address='192.168.122.1' netmask='255.255.255.0'><dhcp>"
        "<range start='192.168.122.2' end='192.168.122.254'/>"
        "<host mac='52:54:00:00:00:10' name='db' ip='192.168.122.10'/>"
        "</dhcp></ip>"
        "<ip family='ipv6' address='fd00:1::1' prefix='64'/></network>";
    g_autoptr(cv_network_def) def = cv_network_def_parse(xml);
    g_autoptr(cv_network_def) again = NULL;
    g_autofree char *out = NULL;
    g_autofree char *out2 = NULL;

    CU_ASSERT_PTR_NOT_NULL_FATAL(def);
    CU_ASSERT_EQUAL(def->ips->len, 2);
    CU_ASSERT_EQUAL(((cv_net_ip *)g_ptr_array_index(def->ips, 0))->prefix, 24);
    out = cv_network_def_format(def);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "prefix='24'"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "fd00:1::1"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "name='db'"));
    again = cv_network_def_parse(out);
    CU_ASSERT_PTR_NOT_NULL_FATAL(again);
    out2 = cv_network_def_format(again);
    CU_ASSERT_STRING_EQUAL(out, out2);
}

static void
refuses_bad_network_addresses(void)
{
    network_refused("<network><name>n</name><ip address='10.0.0.1' prefix='33'/></network>",
                    CV_ERR_XML, "prefix");
    network_refused("<network><name>n</name><ip address='10.0.0.300' prefix='8'/></network>",
                    CV_ERR_XML, "10.0.0.300");
    network_refused("<network><name>n</name><ip address='10.0.0.1' netmask='255.0.255.0'/>"
                    "</network>", CV_ERR_XML, "contiguous");
    network_refused("<network><name>n</name><ip address='10.0.0.1' prefix='24'><dhcp>"
                    "<range start='10.0.1.2' end='10.0.1.9'/></dhcp></ip></network>",
                    CV_ERR_CONFIG, "outside");
    network_refused("<network><name>n</name><ip address='10.0.0.1' prefix='24'><dhcp>"
                    "<range start='10.0.0.9' end='10.0.0.2'/></dhcp></ip></network>",
                    CV_ERR_CONFIG, "backwards");
    network_refused("<network><name>n</name><forward mode='hostdev'/></network>",
                    CV_ERR_XML_UNSUPPORTED, "hostdev");
    network_refused("<network><name>n</name><bridge name='averyveryverylongbridge'/></network>",
                    CV_ERR_XML, "15");
}

static void
overlap_is_detected_across_prefix_lengths(void)
{
    g_autoptr(cv_network_def) a = cv_network_def_parse(
        "<network><name>a</name><ip address='192.168.0.1' prefix='16'/></network>");
    g_autoptr(cv_network_def) b = cv_network_def_parse(
        "<network><name>b</name><ip address='192.168.122.1' prefix='24'/></network>");
    g_autoptr(cv_network_def) c = cv_network_def_parse(
        "<network><name>c</name><ip address='10.1.0.1' prefix='24'/></network>");
    g_autoptr(cv_network_def) d = cv_network_def_parse(
        "<network><name>d</name><ip family='ipv6' address='fd00::1' prefix='48'/></network>");
    g_autoptr(cv_network_def) e = cv_network_def_parse(
        "<network><name>e</name><ip family='ipv6' address='fd00:0:0:5::1' prefix='64'/></network>");
    g_autofree char *what = NULL;

    CU_ASSERT_PTR_NOT_NULL_FATAL(a && b && c && d && e);
    CU_ASSERT_TRUE(cv_network_def_overlaps(b, a, &what));
    CU_ASSERT_PTR_NOT_NULL(strstr(what, "192.168.122.1/24 overlaps 192.168.0.1/16"));
    CU_ASSERT_FALSE(cv_network_def_overlaps(a, c, NULL));
    CU_ASSERT_FALSE(cv_network_def_overlaps(a, d, NULL));
    CU_ASSERT_TRUE(cv_network_def_overlaps(d, e, NULL));
}

/* ---- storage and snapshots ---- */

static void
pool_and_volume_xml(void)
{
    g_autoptr(cv_pool_def) pool = cv_pool_def_parse(
        "<pool type='dir'><name>images</name><target><path>/var/lib/images</path>"
        "</target></pool>");
    g_autoptr(cv_volume_def) vol = cv_volume_def_parse(
        "<volume><name>a.qcow2</name><capacity unit='G'>10</capacity>"
        "<target><format type='qcow2'/></target>"
        "<backingStore><path>/var/lib/images/base.qcow2</path><format type='qcow2'/>"
        "</backingStore></volume>");
    g_autofree char *out = NULL;

    CU_ASSERT_PTR_NOT_NULL_FATAL(pool);
    CU_ASSERT_STRING_EQUAL(pool->target_path, "/var/lib/images");
    CU_ASSERT_PTR_NOT_NULL_FATAL(vol);
    CU_ASSERT_EQUAL(vol->capacity, 10ULL << 30);
    CU_ASSERT_STRING_EQUAL(vol->format, "qcow2");
    CU_ASSERT_STRING_EQUAL(vol->backing_path, "/var/lib/images/base.qcow2");
    out = cv_volume_def_format(vol, "/var/lib/images/a.qcow2", 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "<capacity unit='bytes'>10737418240</capacity>"));

    CU_ASSERT_PTR_NULL(cv_pool_def_parse("<pool type='logical'><name>v</name></pool>"));
    expect_error(CV_ERR_XML_UNSUPPORTED, "logical");
    CU_ASSERT_PTR_NULL(cv_pool_def_parse("<pool type='dir'><name>v</name>"
                                         "<target><path>relative</path></target></pool>"));
    expect_error(CV_ERR_XML, "absolute");
    CU_ASSERT_PTR_NULL(cv_volume_def_parse("<volume><name>v</name>"
                                           "<capacity unit='T'>100000</capacity></volume>"));
    expect_error(CV_ERR_XML, "maximum");
    CU_ASSERT_PTR_NULL(cv_volume_def_parse("<volume><name>v</name><capacity>1</capacity>"
                                           "<target><format type='iso'/></target></volume>"));
    expect_error(CV_ERR_XML_UNSUPPORTED, "iso");
}

static void
snapshot_request_xml(void)
{
    g_autoptr(cv_snapshot_req) req = cv_snapshot_req_parse(
        "<domainsnapshot><name>before-upgrade</name><description>safe point</description>"
        "</domainsnapshot>");

    CU_ASSERT_PTR_NOT_NULL_FATAL(req);
    CU_ASSERT_STRING_EQUAL(req->name, "before-upgrade");
    CU_ASSERT_PTR_NULL(cv_snapshot_req_parse("<domainsnapshot><memory snapshot='external'/>"
                                             "</domainsnapshot>"));
    expect_error(CV_ERR_XML_UNSUPPORTED, "<memory>");
}

static CU_TestInfo domain_tests[] = {
    CU_CASE(virt_install_domain_round_trips),
    CU_CASE(minimal_domain_gets_defaults),
    CU_CASE(memory_units_scale_like_libvirt),
    CU_CASE(refuses_malformed_xml),
    CU_CASE(refuses_external_entities),
    CU_CASE(refuses_entity_bomb),
    CU_CASE(refuses_oversized_document),
    CU_CASE(refuses_unknown_elements_and_attributes_by_name),
    CU_CASE(refuses_absurd_sizes),
    CU_CASE(refuses_bad_names_uuids_and_macs),
    CU_CASE(device_xml_for_attach),
    CU_TEST_INFO_NULL,
};

static CU_TestInfo network_tests[] = {
    CU_CASE(default_network_round_trips),
    CU_CASE(refuses_bad_network_addresses),
    CU_CASE(overlap_is_detected_across_prefix_lengths),
    CU_TEST_INFO_NULL,
};

static CU_TestInfo other_tests[] = {
    CU_CASE(pool_and_volume_xml),
    CU_CASE(snapshot_request_xml),
    CU_TEST_INFO_NULL,
};

static const cu_suite cu_suites[] = {
    { "domain-xml", NULL, NULL, domain_tests },
    { "network-xml", NULL, NULL, network_tests },
    { "storage-snapshot-xml", NULL, NULL, other_tests },
    CU_SUITE_END,
};

CU_MAIN()
