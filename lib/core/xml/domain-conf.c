/*
 * Domain XML <-> cv_domain_def.
 */
#include <config.h>

#include <string.h>

#include "core/object.h"
#include "core/xml/domain-conf.h"
#include "core/xml/xml-util.h"

static const char *const kept_device_kinds[] = {
    "controller", "input", "video", "memballoon", "sound", "channel", "rng",
    "watchdog", NULL,
};
static const char *const kept_top_kinds[] = { "cpu", "pm", "metadata", NULL };

static const char *const domain_types[] = {
    "test", "qemu", "kvm", "xen", "hyperv", NULL,
};

/* ---- freeing and copying ---- */

void
cv_disk_def_free(cv_disk_def *d)
{
    if (!d)
        return;
    g_free(d->type);
    g_free(d->device);
    g_free(d->driver_name);
    g_free(d->driver_type);
    g_free(d->driver_cache);
    g_free(d->source);
    g_free(d->source_pool);
    g_free(d->source_volume);
    g_free(d->target_dev);
    g_free(d->target_bus);
    g_free(d->serial);
    g_free(d->address_xml);
    g_free(d);
}

cv_disk_def *
cv_disk_def_copy(const cv_disk_def *s)
{
    cv_disk_def *d = g_new0(cv_disk_def, 1);

    d->type = g_strdup(s->type);
    d->device = g_strdup(s->device);
    d->driver_name = g_strdup(s->driver_name);
    d->driver_type = g_strdup(s->driver_type);
    d->driver_cache = g_strdup(s->driver_cache);
    d->source = g_strdup(s->source);
    d->source_pool = g_strdup(s->source_pool);
    d->source_volume = g_strdup(s->source_volume);
    d->target_dev = g_strdup(s->target_dev);
    d->target_bus = g_strdup(s->target_bus);
    d->readonly = s->readonly;
    d->shareable = s->shareable;
    d->serial = g_strdup(s->serial);
    d->boot_order = s->boot_order;
    d->address_xml = g_strdup(s->address_xml);
    return d;
}

void
cv_iface_def_free(cv_iface_def *i)
{
    if (!i)
        return;
    g_free(i->type);
    g_free(i->source);
    g_free(i->model);
    g_free(i->target_dev);
    g_free(i->address_xml);
    g_free(i);
}

cv_iface_def *
cv_iface_def_copy(const cv_iface_def *s)
{
    cv_iface_def *i = g_new0(cv_iface_def, 1);

    i->type = g_strdup(s->type);
    memcpy(i->mac, s->mac, sizeof(i->mac));
    i->source = g_strdup(s->source);
    i->model = g_strdup(s->model);
    i->target_dev = g_strdup(s->target_dev);
    i->address_xml = g_strdup(s->address_xml);
    return i;
}

static void
chardev_free(cv_chardev_def *c)
{
    g_free(c->type);
    g_free(c->path);
    g_free(c);
}

static cv_chardev_def *
chardev_copy(const cv_chardev_def *s)
{
    cv_chardev_def *c = g_memdup2(s, sizeof(*s));

    c->type = g_strdup(s->type);
    c->path = g_strdup(s->path);
    return c;
}

static void
graphics_free(cv_graphics_def *g)
{
    g_free(g->type);
    g_free(g->listen);
    g_free(g);
}

static cv_graphics_def *
graphics_copy(const cv_graphics_def *s)
{
    cv_graphics_def *g = g_memdup2(s, sizeof(*s));

    g->type = g_strdup(s->type);
    g->listen = g_strdup(s->listen);
    return g;
}

static cv_domain_def *
domain_def_new(void)
{
    cv_domain_def *def = g_new0(cv_domain_def, 1);

    def->os_boot = g_ptr_array_new_with_free_func(g_free);
    def->disks = g_ptr_array_new_with_free_func((GDestroyNotify)cv_disk_def_free);
    def->ifaces = g_ptr_array_new_with_free_func((GDestroyNotify)cv_iface_def_free);
    def->chardevs = g_ptr_array_new_with_free_func((GDestroyNotify)chardev_free);
    def->graphics = g_ptr_array_new_with_free_func((GDestroyNotify)graphics_free);
    def->kept_devices = g_ptr_array_new_with_free_func(g_free);
    def->kept_top = g_ptr_array_new_with_free_func(g_free);
    return def;
}

void
cv_domain_def_free(cv_domain_def *def)
{
    if (!def)
        return;
    g_free(def->type);
    g_free(def->name);
    g_free(def->title);
    g_free(def->description);
    g_free(def->os_type);
    g_free(def->os_arch);
    g_free(def->os_machine);
    g_free(def->os_kernel);
    g_free(def->os_initrd);
    g_free(def->os_cmdline);
    g_free(def->os_loader);
    g_ptr_array_unref(def->os_boot);
    g_free(def->clock_offset);
    g_free(def->on_poweroff);
    g_free(def->on_reboot);
    g_free(def->on_crash);
    g_free(def->emulator);
    g_ptr_array_unref(def->disks);
    g_ptr_array_unref(def->ifaces);
    g_ptr_array_unref(def->chardevs);
    g_ptr_array_unref(def->graphics);
    g_ptr_array_unref(def->kept_devices);
    g_ptr_array_unref(def->kept_top);
    g_free(def);
}

typedef void *(*copy_fn)(const void *);

static void
copy_ptrs(GPtrArray *dst, const GPtrArray *src, copy_fn copy)
{
    for (guint i = 0; i < src->len; i++)
        g_ptr_array_add(dst, copy(g_ptr_array_index(src, i)));
}

cv_domain_def *
cv_domain_def_copy(const cv_domain_def *s)
{
    cv_domain_def *d = domain_def_new();

    d->type = g_strdup(s->type);
    d->name = g_strdup(s->name);
    memcpy(d->uuid, s->uuid, CV_UUID_BUFLEN);
    d->title = g_strdup(s->title);
    d->description = g_strdup(s->description);
    d->max_memory_kib = s->max_memory_kib;
    d->memory_kib = s->memory_kib;
    d->max_vcpus = s->max_vcpus;
    d->vcpus = s->vcpus;
    d->os_type = g_strdup(s->os_type);
    d->os_arch = g_strdup(s->os_arch);
    d->os_machine = g_strdup(s->os_machine);
    d->os_kernel = g_strdup(s->os_kernel);
    d->os_initrd = g_strdup(s->os_initrd);
    d->os_cmdline = g_strdup(s->os_cmdline);
    d->os_loader = g_strdup(s->os_loader);
    copy_ptrs(d->os_boot, s->os_boot, (copy_fn)g_strdup);
    d->acpi = s->acpi;
    d->apic = s->apic;
    d->pae = s->pae;
    d->clock_offset = g_strdup(s->clock_offset);
    d->on_poweroff = g_strdup(s->on_poweroff);
    d->on_reboot = g_strdup(s->on_reboot);
    d->on_crash = g_strdup(s->on_crash);
    d->emulator = g_strdup(s->emulator);
    copy_ptrs(d->disks, s->disks, (copy_fn)cv_disk_def_copy);
    copy_ptrs(d->ifaces, s->ifaces, (copy_fn)cv_iface_def_copy);
    copy_ptrs(d->chardevs, s->chardevs, (copy_fn)chardev_copy);
    copy_ptrs(d->graphics, s->graphics, (copy_fn)graphics_copy);
    copy_ptrs(d->kept_devices, s->kept_devices, (copy_fn)g_strdup);
    copy_ptrs(d->kept_top, s->kept_top, (copy_fn)g_strdup);
    return d;
}

/* ---- parsing ---- */

static int
check_enum(const char *value, const char *const *allowed, const char *what)
{
    g_autofree char *list = NULL;

    if (!value || g_strv_contains(allowed, value))
        return 0;
    list = g_strjoinv(", ", (char **)allowed);
    return cv_error_set(CV_ERR_XML_UNSUPPORTED, CV_FROM_XML,
                        "%s '%s' is not supported (supported: %s)", what, value, list);
}

static char *
node_to_string(xmlNode *node)
{
    g_autoptr(GString) s = g_string_new(NULL);

    cv_xml_append_node(s, node, 0);
    g_strchomp(s->str);
    return g_strdup(s->str);
}

static cv_disk_def *
disk_parse(xmlNode *node)
{
    static const char *const elems[] = {
        "driver", "source", "target", "readonly", "shareable", "serial", "boot",
        "address", "alias", NULL,
    };
    static const char *const attrs[] = { "type", "device", NULL };
    static const char *const types[] = { "file", "block", "volume", "network", NULL };
    static const char *const devices[] = { "disk", "cdrom", "floppy", "lun", NULL };
    static const char *const buses[] = {
        "virtio", "sata", "scsi", "ide", "usb", "xen", "fdc", "sd", NULL,
    };
    g_autoptr(cv_disk_def) d = g_new0(cv_disk_def, 1);
    xmlNode *c;

    if (cv_xml_check_known(node, elems, attrs) < 0)
        return NULL;
    d->type = cv_xml_prop(node, "type");
    d->device = cv_xml_prop(node, "device");
    if (!d->type)
        d->type = g_strdup("file");
    if (!d->device)
        d->device = g_strdup("disk");
    if (check_enum(d->type, types, "disk type") < 0 ||
        check_enum(d->device, devices, "disk device") < 0)
        return NULL;
    if ((c = cv_xml_child(node, "driver"))) {
        static const char *const a[] = { "name", "type", "cache", NULL };
        if (cv_xml_check_known(c, NULL, a) < 0)
            return NULL;
        d->driver_name = cv_xml_prop(c, "name");
        d->driver_type = cv_xml_prop(c, "type");
        d->driver_cache = cv_xml_prop(c, "cache");
    }
    if ((c = cv_xml_child(node, "source"))) {
        static const char *const a[] = { "file", "dev", "pool", "volume", NULL };
        if (cv_xml_check_known(c, NULL, a) < 0)
            return NULL;
        d->source = cv_xml_prop(c, "file");
        if (!d->source)
            d->source = cv_xml_prop(c, "dev");
        d->source_pool = cv_xml_prop(c, "pool");
        d->source_volume = cv_xml_prop(c, "volume");
    }
    if (!(c = cv_xml_child(node, "target"))) {
        cv_error_set(CV_ERR_XML, CV_FROM_XML, "<disk> lacks a <target dev='...'/>");
        return NULL;
    }
    {
        static const char *const a[] = { "dev", "bus", "tray", NULL };
        if (cv_xml_check_known(c, NULL, a) < 0)
            return NULL;
    }
    d->target_dev = cv_xml_prop(c, "dev");
    d->target_bus = cv_xml_prop(c, "bus");
    if (!d->target_dev || !*d->target_dev ||
        cv_xml_check_name(d->target_dev, "disk target") < 0) {
        if (!cv_error_is_set() || !d->target_dev || !*d->target_dev)
            cv_error_set(CV_ERR_XML, CV_FROM_XML, "<disk><target> lacks dev='...'");
        return NULL;
    }
    if (check_enum(d->target_bus, buses, "disk bus") < 0)
        return NULL;
    if (g_str_equal(d->type, "volume") && (!d->source_pool || !d->source_volume)) {
        cv_error_set(CV_ERR_XML, CV_FROM_XML,
                     "disk '%s' of type 'volume' needs <source pool='...' volume='...'/>",
                     d->target_dev);
        return NULL;
    }
    if ((c = cv_xml_child(node, "address")))
        d->address_xml = node_to_string(c);
    d->readonly = cv_xml_child(node, "readonly") != NULL;
    d->shareable = cv_xml_child(node, "shareable") != NULL;
    d->serial = cv_xml_child_text(node, "serial");
    if ((c = cv_xml_child(node, "boot"))) {
        g_autofree char *order = cv_xml_prop(c, "order");
        guint64 v;
        if (cv_xml_parse_u64(order, "disk boot order", 1000, &v) < 0)
            return NULL;
        d->boot_order = (unsigned int)v;
    }
    return g_steal_pointer(&d);
}

static int
mac_parse(const char *text, char *out)
{
    unsigned int b[6];
    char tail;

    if (!text || sscanf(text, "%2x:%2x:%2x:%2x:%2x:%2x%c",
                        &b[0], &b[1], &b[2], &b[3], &b[4], &b[5], &tail) != 6 ||
        strlen(text) != 17)
        return cv_error_set(CV_ERR_XML, CV_FROM_XML,
                            "'%s' is not a MAC address (expected xx:xx:xx:xx:xx:xx)",
                            text ? text : "");
    if (b[0] & 1)
        return cv_error_set(CV_ERR_XML, CV_FROM_XML,
                            "MAC address '%s' is a multicast address", text);
    g_snprintf(out, 18, "%02x:%02x:%02x:%02x:%02x:%02x",
               b[0], b[1], b[2], b[3], b[4], b[5]);
    return 0;
}

static void
mac_generate(char *out)
{
    /* libvirt's (QEMU's) locally administered prefix. */
    g_snprintf(out, 18, "52:54:00:%02x:%02x:%02x", g_random_int_range(0, 256),
               g_random_int_range(0, 256), g_random_int_range(0, 256));
}

static cv_iface_def *
iface_parse(xmlNode *node)
{
    static const char *const elems[] = {
        "mac", "source", "model", "target", "address", "alias", NULL,
    };
    static const char *const attrs[] = { "type", NULL };
    static const char *const types[] = { "network", "bridge", "user", "direct", NULL };
    g_autoptr(cv_iface_def) i = g_new0(cv_iface_def, 1);
    xmlNode *c;

    if (cv_xml_check_known(node, elems, attrs) < 0)
        return NULL;
    i->type = cv_xml_prop(node, "type");
    if (!i->type)
        i->type = g_strdup("user");
    if (check_enum(i->type, types, "interface type") < 0)
        return NULL;
    if ((c = cv_xml_child(node, "mac"))) {
        g_autofree char *addr = cv_xml_prop(c, "address");
        if (mac_parse(addr, i->mac) < 0)
            return NULL;
    } else {
        mac_generate(i->mac);
    }
    if ((c = cv_xml_child(node, "source"))) {
        static const char *const a[] = { "network", "bridge", "dev", NULL };
        if (cv_xml_check_known(c, NULL, a) < 0)
            return NULL;
        i->source = cv_xml_prop(c, g_str_equal(i->type, "network") ? "network" :
                                   g_str_equal(i->type, "bridge") ? "bridge" : "dev");
    }
    if (!i->source && !g_str_equal(i->type, "user")) {
        cv_error_set(CV_ERR_XML, CV_FROM_XML,
                     "interface of type '%s' needs a <source>", i->type);
        return NULL;
    }
    if ((c = cv_xml_child(node, "model")))
        i->model = cv_xml_prop(c, "type");
    if ((c = cv_xml_child(node, "target")))
        i->target_dev = cv_xml_prop(c, "dev");
    if ((c = cv_xml_child(node, "address")))
        i->address_xml = node_to_string(c);
    return g_steal_pointer(&i);
}

static cv_chardev_def *
chardev_parse(xmlNode *node, bool is_console)
{
    static const char *const elems[] = { "source", "target", "alias", NULL };
    static const char *const attrs[] = { "type", "tty", NULL };
    static const char *const types[] = { "pty", "file", "stdio", "null", NULL };
    cv_chardev_def *c = g_new0(cv_chardev_def, 1);
    xmlNode *n;

    c->is_console = is_console;
    c->port = -1;
    if (cv_xml_check_known(node, elems, attrs) < 0)
        goto error;
    c->type = cv_xml_prop(node, "type");
    if (!c->type)
        c->type = g_strdup("pty");
    if (check_enum(c->type, types, "serial type") < 0)
        goto error;
    if ((n = cv_xml_child(node, "source")))
        c->path = cv_xml_prop(n, "path");
    if (g_str_equal(c->type, "file") && !c->path) {
        cv_error_set(CV_ERR_XML, CV_FROM_XML, "serial of type 'file' needs <source path='...'/>");
        goto error;
    }
    if ((n = cv_xml_child(node, "target"))) {
        g_autofree char *port = cv_xml_prop(n, "port");
        guint64 v;
        if (port) {
            if (cv_xml_parse_u64(port, "serial target port", 255, &v) < 0)
                goto error;
            c->port = (int)v;
        }
    }
    return c;

 error:
    chardev_free(c);
    return NULL;
}

static cv_graphics_def *
graphics_parse(xmlNode *node)
{
    static const char *const elems[] = { "listen", "image", NULL };
    static const char *const attrs[] = { "type", "port", "autoport", "listen", NULL };
    static const char *const types[] = { "vnc", "spice", NULL };
    cv_graphics_def *g = g_new0(cv_graphics_def, 1);
    g_autofree char *port = NULL;
    g_autofree char *autoport = NULL;

    g->port = -1;
    if (cv_xml_check_known(node, elems, attrs) < 0)
        goto error;
    g->type = cv_xml_prop(node, "type");
    if (!g->type || check_enum(g->type, types, "graphics type") < 0) {
        if (!g->type)
            cv_error_set(CV_ERR_XML, CV_FROM_XML, "<graphics> lacks type='vnc|spice'");
        goto error;
    }
    port = cv_xml_prop(node, "port");
    autoport = cv_xml_prop(node, "autoport");
    g->autoport = !port || g_strcmp0(autoport, "yes") == 0 || g_strcmp0(port, "-1") == 0;
    if (port && !g->autoport) {
        guint64 v;
        if (cv_xml_parse_u64(port, "graphics port", 65535, &v) < 0)
            goto error;
        g->port = (int)v;
    }
    g->listen = cv_xml_prop(node, "listen");
    return g;

 error:
    graphics_free(g);
    return NULL;
}

static int
devices_parse(cv_domain_def *def, xmlNode *devices)
{
    for (xmlNode *c = devices->children; c; c = c->next) {
        const char *n = (const char *)c->name;

        if (c->type == XML_ENTITY_REF_NODE)
            return cv_error_set(CV_ERR_XML, CV_FROM_XML, "entity reference in <devices> is refused");
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (g_str_equal(n, "emulator")) {
            xmlChar *t = xmlNodeGetContent(c);
            g_free(def->emulator);
            def->emulator = g_strdup(g_strstrip((char *)t));
            xmlFree(t);
        } else if (g_str_equal(n, "disk")) {
            cv_disk_def *d = disk_parse(c);
            if (!d)
                return -1;
            if (cv_domain_def_find_disk(def, d->target_dev) >= 0) {
                cv_error_set(CV_ERR_XML, CV_FROM_XML,
                             "two disks use target '%s'", d->target_dev);
                cv_disk_def_free(d);
                return -1;
            }
            g_ptr_array_add(def->disks, d);
        } else if (g_str_equal(n, "interface")) {
            cv_iface_def *i = iface_parse(c);
            if (!i)
                return -1;
            g_ptr_array_add(def->ifaces, i);
        } else if (g_str_equal(n, "serial") || g_str_equal(n, "console")) {
            cv_chardev_def *ch = chardev_parse(c, g_str_equal(n, "console"));
            if (!ch)
                return -1;
            g_ptr_array_add(def->chardevs, ch);
        } else if (g_str_equal(n, "graphics")) {
            cv_graphics_def *g = graphics_parse(c);
            if (!g)
                return -1;
            g_ptr_array_add(def->graphics, g);
        } else if (g_strv_contains(kept_device_kinds, n)) {
            g_ptr_array_add(def->kept_devices, node_to_string(c));
        } else {
            return cv_error_set(CV_ERR_XML_UNSUPPORTED, CV_FROM_XML,
                                "unsupported element <%s> in <devices>", n);
        }
    }
    return 0;
}

static int
os_parse(cv_domain_def *def, xmlNode *os)
{
    static const char *const elems[] = {
        "type", "kernel", "initrd", "cmdline", "loader", "boot", NULL,
    };
    xmlNode *t;

    if (cv_xml_check_known(os, elems, NULL) < 0)
        return -1;
    if ((t = cv_xml_child(os, "type"))) {
        static const char *const a[] = { "arch", "machine", NULL };
        xmlChar *txt;
        if (cv_xml_check_known(t, NULL, a) < 0)
            return -1;
        txt = xmlNodeGetContent(t);
        def->os_type = g_strdup(g_strstrip((char *)txt));
        xmlFree(txt);
        def->os_arch = cv_xml_prop(t, "arch");
        def->os_machine = cv_xml_prop(t, "machine");
    }
    def->os_kernel = cv_xml_child_text(os, "kernel");
    def->os_initrd = cv_xml_child_text(os, "initrd");
    def->os_cmdline = cv_xml_child_text(os, "cmdline");
    def->os_loader = cv_xml_child_text(os, "loader");
    for (xmlNode *c = os->children; c; c = c->next) {
        static const char *const devs[] = { "hd", "cdrom", "network", "fd", NULL };
        g_autofree char *dev = NULL;

        if (c->type != XML_ELEMENT_NODE || !xmlStrEqual(c->name, BAD_CAST "boot"))
            continue;
        dev = cv_xml_prop(c, "dev");
        if (!dev || check_enum(dev, devs, "boot device") < 0) {
            if (!dev)
                cv_error_set(CV_ERR_XML, CV_FROM_XML, "<boot> lacks dev='...'");
            return -1;
        }
        g_ptr_array_add(def->os_boot, g_steal_pointer(&dev));
    }
    if (!def->os_type)
        def->os_type = g_strdup("hvm");
    return 0;
}

static int
vcpu_parse(cv_domain_def *def, xmlNode *vcpu)
{
    static const char *const a[] = { "current", "placement", NULL };
    g_autofree char *cur = cv_xml_prop(vcpu, "current");
    g_autofree char *placement = cv_xml_prop(vcpu, "placement");
    xmlChar *txt;
    guint64 v;
    int r;

    if (cv_xml_check_known(vcpu, NULL, a) < 0)
        return -1;
    /* 'static' is the default and the only placement we keep. */
    if (placement && !g_str_equal(placement, "static"))
        return cv_error_set(CV_ERR_XML_UNSUPPORTED, CV_FROM_XML,
                            "<vcpu placement='%s'> is not supported (only 'static')",
                            placement);
    txt = xmlNodeGetContent(vcpu);
    r = cv_xml_parse_u64(g_strstrip((char *)txt), "<vcpu>", CV_DOMAIN_MAX_VCPUS, &v);
    xmlFree(txt);
    if (r < 0)
        return -1;
    if (v == 0)
        return cv_error_set(CV_ERR_XML, CV_FROM_XML, "<vcpu> must be at least 1");
    def->max_vcpus = def->vcpus = (unsigned int)v;
    if (cur) {
        if (cv_xml_parse_u64(cur, "<vcpu current=''>", def->max_vcpus, &v) < 0)
            return -1;
        if (v == 0)
            return cv_error_set(CV_ERR_XML, CV_FROM_XML, "<vcpu current=''> must be at least 1");
        def->vcpus = (unsigned int)v;
    }
    return 0;
}

static int
features_parse(cv_domain_def *def, xmlNode *f)
{
    static const char *const elems[] = { "acpi", "apic", "pae", NULL };

    if (cv_xml_check_known(f, elems, NULL) < 0)
        return -1;
    def->acpi = cv_xml_child(f, "acpi") != NULL;
    def->apic = cv_xml_child(f, "apic") != NULL;
    def->pae = cv_xml_child(f, "pae") != NULL;
    return 0;
}

cv_domain_def *
cv_domain_def_parse(const char *xml)
{
    static const char *const elems[] = {
        "name", "uuid", "title", "description", "memory", "currentMemory", "vcpu",
        "os", "features", "clock", "on_poweroff", "on_reboot", "on_crash",
        "devices", "cpu", "pm", "metadata", NULL,
    };
    static const char *const attrs[] = { "type", "id", NULL };
    static const char *const actions[] = {
        "destroy", "restart", "preserve", "rename-restart", NULL,
    };
    g_autoptr(xmlDoc) doc = cv_xml_parse(xml, "domain");
    g_autoptr(cv_domain_def) def = NULL;
    g_autofree char *uuid = NULL;
    xmlNode *root, *n;

    if (!doc)
        return NULL;
    root = xmlDocGetRootElement(doc);
    if (cv_xml_check_known(root, elems, attrs) < 0)
        return NULL;
    def = domain_def_new();
    def->type = cv_xml_prop(root, "type");
    if (!def->type) {
        cv_error_set(CV_ERR_XML, CV_FROM_XML, "<domain> lacks type='...' (e.g. 'qemu', 'kvm')");
        return NULL;
    }
    if (check_enum(def->type, domain_types, "domain type") < 0)
        return NULL;

    def->name = cv_xml_child_text(root, "name");
    if (!def->name) {
        cv_error_set(CV_ERR_XML, CV_FROM_XML, "<domain> lacks a <name>");
        return NULL;
    }
    if (cv_xml_check_name(def->name, "domain") < 0)
        return NULL;
    uuid = cv_xml_child_text(root, "uuid");
    if (uuid) {
        if (cv_uuid_parse(uuid, def->uuid) < 0) {
            cv_error_set(CV_ERR_XML, CV_FROM_XML, "domain '%s': <uuid> '%s' is not a UUID",
                         def->name, uuid);
            return NULL;
        }
    } else {
        cv_uuid_generate(def->uuid);
    }
    def->title = cv_xml_child_text(root, "title");
    def->description = cv_xml_child_text(root, "description");

    if (!(n = cv_xml_child(root, "memory"))) {
        cv_error_set(CV_ERR_XML, CV_FROM_XML, "domain '%s' lacks <memory>", def->name);
        return NULL;
    }
    if (cv_xml_parse_size(n, "<memory>", 1024, "KiB", CV_DOMAIN_MAX_MEMORY_KIB,
                          &def->max_memory_kib) < 0)
        return NULL;
    if (def->max_memory_kib == 0) {
        cv_error_set(CV_ERR_XML, CV_FROM_XML, "domain '%s': <memory> is 0", def->name);
        return NULL;
    }
    def->memory_kib = def->max_memory_kib;
    if ((n = cv_xml_child(root, "currentMemory"))) {
        if (cv_xml_parse_size(n, "<currentMemory>", 1024, "KiB", CV_DOMAIN_MAX_MEMORY_KIB,
                              &def->memory_kib) < 0)
            return NULL;
        if (def->memory_kib > def->max_memory_kib) {
            cv_error_set(CV_ERR_XML, CV_FROM_XML,
                         "domain '%s': <currentMemory> is more than <memory>", def->name);
            return NULL;
        }
    }
    def->max_vcpus = def->vcpus = 1;
    if ((n = cv_xml_child(root, "vcpu")) && vcpu_parse(def, n) < 0)
        return NULL;
    if ((n = cv_xml_child(root, "os"))) {
        if (os_parse(def, n) < 0)
            return NULL;
    } else {
        def->os_type = g_strdup("hvm");
    }
    if ((n = cv_xml_child(root, "features")) && features_parse(def, n) < 0)
        return NULL;
    if ((n = cv_xml_child(root, "clock")))
        def->clock_offset = cv_xml_prop(n, "offset");
    def->on_poweroff = cv_xml_child_text(root, "on_poweroff");
    def->on_reboot = cv_xml_child_text(root, "on_reboot");
    def->on_crash = cv_xml_child_text(root, "on_crash");
    if (check_enum(def->on_poweroff, actions, "<on_poweroff>") < 0 ||
        check_enum(def->on_reboot, actions, "<on_reboot>") < 0 ||
        check_enum(def->on_crash, actions, "<on_crash>") < 0)
        return NULL;
    if ((n = cv_xml_child(root, "devices")) && devices_parse(def, n) < 0)
        return NULL;
    for (xmlNode *c = root->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && g_strv_contains(kept_top_kinds, (const char *)c->name))
            g_ptr_array_add(def->kept_top, node_to_string(c));
    return g_steal_pointer(&def);
}

int
cv_domain_device_parse(const char *xml, cv_disk_def **disk, cv_iface_def **iface)
{
    g_autoptr(xmlDoc) doc = NULL;
    xmlNode *root;

    *disk = NULL;
    *iface = NULL;
    if (strstr(xml, "<interface"))
        doc = cv_xml_parse(xml, "interface");
    else
        doc = cv_xml_parse(xml, "disk");
    if (!doc)
        return cv_error_prefix("device XML must be one <disk> or <interface>");
    root = xmlDocGetRootElement(doc);
    if (xmlStrEqual(root->name, BAD_CAST "disk"))
        *disk = disk_parse(root);
    else
        *iface = iface_parse(root);
    return (*disk || *iface) ? 0 : -1;
}

int
cv_domain_def_find_disk(const cv_domain_def *def, const char *target_dev)
{
    for (guint i = 0; i < def->disks->len; i++) {
        const cv_disk_def *d = g_ptr_array_index(def->disks, i);
        if (g_strcmp0(d->target_dev, target_dev) == 0)
            return (int)i;
    }
    return -1;
}

int
cv_domain_def_find_iface(const cv_domain_def *def, const char *mac)
{
    for (guint i = 0; i < def->ifaces->len; i++) {
        const cv_iface_def *f = g_ptr_array_index(def->ifaces, i);
        if (g_ascii_strcasecmp(f->mac, mac) == 0)
            return (int)i;
    }
    return -1;
}
