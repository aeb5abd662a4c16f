/*
 * cv_domain_def -> domain XML, in libvirt's element order and shape so that
 * tools reading libvirt's output read ours.
 */
#include <config.h>

#include "core/object.h"
#include "core/xml/domain-conf.h"
#include "core/xml/xml-util.h"

static void
put_text(GString *b, int indent, const char *elem, const char *text)
{
    g_autofree char *e = NULL;

    if (!text)
        return;
    e = cv_xml_escape(text);
    g_string_append_printf(b, "%*s<%s>%s</%s>\n", indent, "", elem, e, elem);
}

static void
put_attr(GString *b, const char *name, const char *value)
{
    g_autofree char *e = NULL;

    if (!value)
        return;
    e = cv_xml_escape(value);
    g_string_append_printf(b, " %s='%s'", name, e);
}

static void
put_verbatim(GString *b, int indent, const char *xml)
{
    g_auto(GStrv) lines = g_strsplit(xml, "\n", -1);

    for (char **l = lines; *l; l++)
        if (**l)
            g_string_append_printf(b, "%*s%s\n", indent, "", *l);
}

static void
format_disk(GString *b, const cv_disk_def *d)
{
    g_string_append(b, "    <disk");
    put_attr(b, "type", d->type);
    put_attr(b, "device", d->device);
    g_string_append(b, ">\n");
    if (d->driver_name || d->driver_type || d->driver_cache) {
        g_string_append(b, "      <driver");
        put_attr(b, "name", d->driver_name);
        put_attr(b, "type", d->driver_type);
        put_attr(b, "cache", d->driver_cache);
        g_string_append(b, "/>\n");
    }
    if (d->source_pool) {
        g_string_append(b, "      <source");
        put_attr(b, "pool", d->source_pool);
        put_attr(b, "volume", d->source_volume);
        g_string_append(b, "/>\n");
    } else if (d->source) {
        g_string_append(b, "      <source");
        put_attr(b, g_strcmp0(d->type, "block") == 0 ? "dev" : "file", d->source);
        g_string_append(b, "/>\n");
    }
    g_string_append(b, "      <target");
    put_attr(b, "dev", d->target_dev);
    put_attr(b, "bus", d->target_bus);
    g_string_append(b, "/>\n");
    if (d->boot_order)
        g_string_append_printf(b, "      <boot order='%u'/>\n", d->boot_order);
    if (d->readonly)
        g_string_append(b, "      <readonly/>\n");
    if (d->shareable)
        g_string_append(b, "      <shareable/>\n");
    put_text(b, 6, "serial", d->serial);
    if (d->address_xml)
        put_verbatim(b, 6, d->address_xml);
    g_string_append(b, "    </disk>\n");
}

static void
format_iface(GString *b, const cv_iface_def *i)
{
    const char *src_attr = g_str_equal(i->type, "network") ? "network" :
                           g_str_equal(i->type, "bridge") ? "bridge" : "dev";

    g_string_append(b, "    <interface");
    put_attr(b, "type", i->type);
    g_string_append(b, ">\n");
    g_string_append_printf(b, "      <mac address='%s'/>\n", i->mac);
    if (i->source) {
        g_string_append(b, "      <source");
        put_attr(b, src_attr, i->source);
        g_string_append(b, "/>\n");
    }
    if (i->target_dev) {
        g_string_append(b, "      <target");
        put_attr(b, "dev", i->target_dev);
        g_string_append(b, "/>\n");
    }
    if (i->model) {
        g_string_append(b, "      <model");
        put_attr(b, "type", i->model);
        g_string_append(b, "/>\n");
    }
    if (i->address_xml)
        put_verbatim(b, 6, i->address_xml);
    g_string_append(b, "    </interface>\n");
}

static void
format_chardev(GString *b, const cv_chardev_def *c)
{
    const char *elem = c->is_console ? "console" : "serial";

    g_string_append_printf(b, "    <%s", elem);
    put_attr(b, "type", c->type);
    if (!c->path && c->port < 0) {
        g_string_append(b, "/>\n");
        return;
    }
    g_string_append(b, ">\n");
    if (c->path) {
        g_string_append(b, "      <source");
        put_attr(b, "path", c->path);
        g_string_append(b, "/>\n");
    }
    if (c->port >= 0)
        g_string_append_printf(b, "      <target port='%d'/>\n", c->port);
    g_string_append_printf(b, "    </%s>\n", elem);
}

static void
format_graphics(GString *b, const cv_graphics_def *g)
{
    g_string_append(b, "    <graphics");
    put_attr(b, "type", g->type);
    if (g->autoport)
        g_string_append(b, " port='-1' autoport='yes'");
    else
        g_string_append_printf(b, " port='%d' autoport='no'", g->port);
    put_attr(b, "listen", g->listen);
    g_string_append(b, "/>\n");
}

char *
cv_domain_def_format(const cv_domain_def *def, int id, unsigned int flags)
{
    GString *b = g_string_new("<domain");
    char uuid[CV_UUID_STRING_BUFLEN];

    put_attr(b, "type", def->type);
    if (id >= 0 && !(flags & CV_DOMAIN_DEF_FORMAT_INACTIVE))
        g_string_append_printf(b, " id='%d'", id);
    g_string_append(b, ">\n");
    put_text(b, 2, "name", def->name);
    cv_uuid_format(def->uuid, uuid);
    put_text(b, 2, "uuid", uuid);
    put_text(b, 2, "title", def->title);
    put_text(b, 2, "description", def->description);
    for (guint i = 0; i < def->kept_top->len; i++)
        if (g_str_has_prefix(g_ptr_array_index(def->kept_top, i), "<metadata"))
            put_verbatim(b, 2, g_ptr_array_index(def->kept_top, i));
    g_string_append_printf(b, "  <memory unit='KiB'>%" G_GUINT64_FORMAT "</memory>\n",
                           def->max_memory_kib);
    g_string_append_printf(b, "  <currentMemory unit='KiB'>%" G_GUINT64_FORMAT
                           "</currentMemory>\n", def->memory_kib);
    if (def->vcpus != def->max_vcpus)
        g_string_append_printf(b, "  <vcpu current='%u'>%u</vcpu>\n", def->vcpus,
                               def->max_vcpus);
    else
        g_string_append_printf(b, "  <vcpu>%u</vcpu>\n", def->max_vcpus);

    g_string_append(b, "  <os>\n    <type");
    put_attr(b, "arch", def->os_arch);
    put_attr(b, "machine", def->os_machine);
    g_string_append_printf(b, ">%s</type>\n", def->os_type);
    put_text(b, 4, "loader", def->os_loader);
    put_text(b, 4, "kernel", def->os_kernel);
    put_text(b, 4, "initrd", def->os_initrd);
    put_text(b, 4, "cmdline", def->os_cmdline);
    for (guint i = 0; i < def->os_boot->len; i++)
        g_string_append_printf(b, "    <boot dev='%s'/>\n",
                               (const char *)g_ptr_array_index(def->os_boot, i));
    g_string_append(b, "  </os>\n");
    if (def->acpi || def->apic || def->pae) {
        g_string_append(b, "  <features>\n");
        if (def->acpi)
            g_string_append(b, "    <acpi/>\n");
        if (def->apic)
            g_string_append(b, "    <apic/>\n");
        if (def->pae)
            g_string_append(b, "    <pae/>\n");
        g_string_append(b, "  </features>\n");
    }
    for (guint i = 0; i < def->kept_top->len; i++)
        if (!g_str_has_prefix(g_ptr_array_index(def->kept_top, i), "<metadata"))
            put_verbatim(b, 2, g_ptr_array_index(def->kept_top, i));
    if (def->clock_offset)
        g_string_append_printf(b, "  <clock offset='%s'/>\n", def->clock_offset);
    put_text(b, 2, "on_poweroff", def->on_poweroff);
    put_text(b, 2, "on_reboot", def->on_reboot);
    put_text(b, 2, "on_crash", def->on_crash);

    g_string_append(b, "  <devices>\n");
    put_text(b, 4, "emulator", def->emulator);
    for (guint i = 0; i < def->disks->len; i++)
        format_disk(b, g_ptr_array_index(def->disks, i));
    for (guint i = 0; i < def->ifaces->len; i++)
        format_iface(b, g_ptr_array_index(def->ifaces, i));
    for (guint i = 0; i < def->chardevs->len; i++)
        format_chardev(b, g_ptr_array_index(def->chardevs, i));
    for (guint i = 0; i < def->graphics->len; i++)
        format_graphics(b, g_ptr_array_index(def->graphics, i));
    for (guint i = 0; i < def->kept_devices->len; i++)
        put_verbatim(b, 4, g_ptr_array_index(def->kept_devices, i));
    g_string_append(b, "  </devices>\n</domain>\n");
    return g_string_free(b, FALSE);
}
