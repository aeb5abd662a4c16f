#include <config.h>

#include "core/object.h"
#include "core/xml/storage-conf.h"
#include "core/xml/xml-util.h"

void
cv_pool_def_free(cv_pool_def *def)
{
    if (!def)
        return;
    g_free(def->type);
    g_free(def->name);
    g_free(def->target_path);
    g_free(def);
}

cv_pool_def *
cv_pool_def_parse(const char *xml)
{
    static const char *const elems[] = {
        "name", "uuid", "capacity", "allocation", "available", "source", "target", NULL,
    };
    static const char *const attrs[] = { "type", NULL };
    g_autoptr(xmlDoc) doc = cv_xml_parse(xml, "pool");
    g_autoptr(cv_pool_def) def = NULL;
    g_autofree char *uuid = NULL;
    xmlNode *root, *t;

    if (!doc)
        return NULL;
    root = xmlDocGetRootElement(doc);
    if (cv_xml_check_known(root, elems, attrs) < 0)
        return NULL;
    def = g_new0(cv_pool_def, 1);
    def->type = cv_xml_prop(root, "type");
    if (g_strcmp0(def->type, "dir") != 0) {
        cv_error_set(CV_ERR_XML_UNSUPPORTED, CV_FROM_XML,
                     "pool type '%s' is not supported (supported: dir)",
                     def->type ? def->type : "(none)");
        return NULL;
    }
    def->name = cv_xml_child_text(root, "name");
    if (!def->name) {
        cv_error_set(CV_ERR_XML, CV_FROM_XML, "<pool> lacks a <name>");
        return NULL;
    }
    if (cv_xml_check_name(def->name, "pool") < 0)
        return NULL;
    uuid = cv_xml_child_text(root, "uuid");
    if (uuid) {
        if (cv_uuid_parse(uuid, def->uuid) < 0) {
            cv_error_set(CV_ERR_XML, CV_FROM_XML, "pool '%s': <uuid> '%s' is not a UUID",
                         def->name, uuid);
            return NULL;
        }
    } else {
        cv_uuid_generate(def->uuid);
    }
    if (!(t = cv_xml_child(root, "target")) ||
        !(def->target_path = cv_xml_child_text(t, "path")) ||
        !g_path_is_absolute(def->target_path)) {
        cv_error_set(CV_ERR_XML, CV_FROM_XML,
                     "pool '%s' needs <target><path>/absolute/dir</path></target>",
                     def->name);
        return NULL;
    }
    return g_steal_pointer(&def);
}

char *
cv_pool_def_format(const cv_pool_def *def, guint64 capacity, guint64 allocation,
                   guint64 available)
{
    char uuid[CV_UUID_STRING_BUFLEN];
    g_autofree char *name = cv_xml_escape(def->name);
    g_autofree char *path = cv_xml_escape(def->target_path);

    cv_uuid_format(def->uuid, uuid);
    return g_strdup_printf(
        "<pool type='dir'>\n"
        "  <name>%s</name>\n"
        "  <uuid>%s</uuid>\n"
        "  <capacity unit='bytes'>%" G_GUINT64_FORMAT "</capacity>\n"
        "  <allocation unit='bytes'>%" G_GUINT64_FORMAT "</allocation>\n"
        "  <available unit='bytes'>%" G_GUINT64_FORMAT "</available>\n"
        "  <target>\n"
        "    <path>%s</path>\n"
        "  </target>\n"
        "</pool>\n", name, uuid, capacity, allocation, available, path);
}

void
cv_volume_def_free(cv_volume_def *def)
{
    if (!def)
        return;
    g_free(def->name);
    g_free(def->format);
    g_free(def->backing_path);
    g_free(def->backing_format);
    g_free(def);
}

cv_volume_def *
cv_volume_def_parse(const char *xml)
{
    static const char *const elems[] = {
        "name", "key", "capacity", "allocation", "target", "backingStore", NULL,
    };
    static const char *const attrs[] = { "type", NULL };
    static const char *const formats[] = { "raw", "qcow2", "vmdk", "vpc", "vdi", NULL };
    g_autoptr(xmlDoc) doc = cv_xml_parse(xml, "volume");
    g_autoptr(cv_volume_def) def = NULL;
    xmlNode *root, *n;

    if (!doc)
        return NULL;
    root = xmlDocGetRootElement(doc);
    if (cv_xml_check_known(root, elems, attrs) < 0)
        return NULL;
    def = g_new0(cv_volume_def, 1);
    def->name = cv_xml_child_text(root, "name");
    if (!def->name) {
        cv_error_set(CV_ERR_XML, CV_FROM_XML, "<volume> lacks a <name>");
        return NULL;
    }
    if (cv_xml_check_name(def->name, "volume") < 0)
        return NULL;
    if (!(n = cv_xml_child(root, "capacity"))) {
        cv_error_set(CV_ERR_XML, CV_FROM_XML, "volume '%s' lacks <capacity>", def->name);
        return NULL;
    }
    if (cv_xml_parse_size(n, "<capacity>", 1, "bytes", CV_VOLUME_MAX_CAPACITY,
                          &def->capacity) < 0)
        return NULL;
    if ((n = cv_xml_child(root, "allocation")) &&
        cv_xml_parse_size(n, "<allocation>", 1, "bytes", def->capacity,
                          &def->allocation) < 0)
        return NULL;
    if ((n = cv_xml_child(root, "target")) && (n = cv_xml_child(n, "format")))
        def->format = cv_xml_prop(n, "type");
    if (!def->format)
        def->format = g_strdup("raw");
    if (!g_strv_contains(formats, def->format)) {
        cv_error_set(CV_ERR_XML_UNSUPPORTED, CV_FROM_XML,
                     "volume '%s': format '%s' is not supported "
                     "(supported: raw, qcow2, vmdk, vpc, vdi)", def->name, def->format);
        return NULL;
    }
    if ((n = cv_xml_child(root, "backingStore"))) {
        xmlNode *f;
        def->backing_path = cv_xml_child_text(n, "path");
        if ((f = cv_xml_child(n, "format")))
            def->backing_format = cv_xml_prop(f, "type");
    }
    return g_steal_pointer(&def);
}

char *
cv_volume_def_format(const cv_volume_def *def, const char *path, guint64 allocation)
{
    GString *b = g_string_new("<volume type='file'>\n");
    g_autofree char *name = cv_xml_escape(def->name);
    g_autofree char *epath = cv_xml_escape(path);

    g_string_append_printf(b, "  <name>%s</name>\n  <key>%s</key>\n", name, epath);
    g_string_append_printf(b, "  <capacity unit='bytes'>%" G_GUINT64_FORMAT "</capacity>\n",
                           def->capacity);
    g_string_append_printf(b, "  <allocation unit='bytes'>%" G_GUINT64_FORMAT
                           "</allocation>\n", allocation);
    g_string_append_printf(b, "  <target>\n    <path>%s</path>\n"
                           "    <format type='%s'/>\n  </target>\n", epath, def->format);
    if (def->backing_path) {
        g_autofree char *bp = cv_xml_escape(def->backing_path);
        g_string_append_printf(b, "  <backingStore>\n    <path>%s</path>\n", bp);
        if (def->backing_format)
            g_string_append_printf(b, "    <format type='%s'/>\n", def->backing_format);
        g_string_append(b, "  </backingStore>\n");
    }
    g_string_append(b, "</volume>\n");
    return g_string_free(b, FALSE);
}
