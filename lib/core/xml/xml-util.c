#include <config.h>

#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "core/xml/xml-util.h"

/* libxml2 reports through a callback; collect the first message per parse
 * so our error carries libxml2's own words, and nothing reaches stderr. */
static void
xml_collect_error(void *ctx, xmlErrorPtr err)
{
    GString *msg = ctx;

    if (msg->len == 0 && err && err->message) {
        g_string_append_printf(msg, "line %d: %s", err->line, err->message);
        g_strchomp(msg->str);
        msg->len = strlen(msg->str);
    }
}

xmlDoc *
cv_xml_parse(const char *xml, const char *root)
{
    g_autoptr(GString) msg = g_string_new(NULL);
    xmlParserCtxtPtr ctxt;
    xmlDoc *doc;
    size_t len = strlen(xml);
    xmlNode *top;

    if (len > CV_XML_MAX_SIZE) {
        cv_error_set(CV_ERR_XML, CV_FROM_XML,
                     "<%s> document is %zu bytes, more than the %u allowed",
                     root, len, CV_XML_MAX_SIZE);
        return NULL;
    }
    /* A DOCTYPE is how XXE and entity bombs get in; no definition needs one. */
    if (strstr(xml, "<!DOCTYPE") || strstr(xml, "<!ENTITY")) {
        cv_error_set(CV_ERR_XML, CV_FROM_XML,
                     "<%s> document has a DOCTYPE or ENTITY declaration, "
                     "which is refused (no external files or entities are "
                     "ever loaded)", root);
        return NULL;
    }
    ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        cv_error_set(CV_ERR_NO_MEMORY, CV_FROM_XML, "cannot allocate an XML parser");
        return NULL;
    }
    /* libxml2 keeps this handler per thread, so concurrent parses on other
     * threads are unaffected. */
    xmlSetStructuredErrorFunc(msg, xml_collect_error);
    /* No NOENT (entity substitution), no DTDLOAD, no network; NONET also
     * stops xinclude-style fetches. HUGE is deliberately not set, so
     * libxml2's own depth and text-size limits stay on. */
    doc = xmlCtxtReadMemory(ctxt, xml, (int)len, "definition.xml", NULL,
                            XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOBLANKS);
    xmlFreeParserCtxt(ctxt);
    xmlSetStructuredErrorFunc(NULL, NULL);
    if (!doc) {
        cv_error_set(CV_ERR_XML, CV_FROM_XML, "malformed <%s> XML: %s", root,
                     msg->len ? msg->str : "cannot parse");
        return NULL;
    }
    if (doc->intSubset || doc->extSubset) {
        xmlFreeDoc(doc);
        cv_error_set(CV_ERR_XML, CV_FROM_XML, "<%s> document has a DTD, which is refused",
                     root);
        return NULL;
    }
    top = xmlDocGetRootElement(doc);
    if (!top || !xmlStrEqual(top->name, BAD_CAST root)) {
        cv_error_set(CV_ERR_XML, CV_FROM_XML, "expected a <%s> document, found <%s>",
                     root, top ? (const char *)top->name : "nothing");
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

int
cv_xml_check_known(xmlNode *node, const char *const *elements,
                   const char *const *attributes)
{
    for (xmlAttr *a = node->properties; a; a = a->next) {
        if (!attributes || !g_strv_contains(attributes, (const char *)a->name))
            return cv_error_set(CV_ERR_XML_UNSUPPORTED, CV_FROM_XML,
                                "unsupported attribute '%s' on <%s>",
                                (const char *)a->name, (const char *)node->name);
    }
    for (xmlNode *c = node->children; c; c = c->next) {
        if (c->type == XML_ENTITY_REF_NODE)
            return cv_error_set(CV_ERR_XML, CV_FROM_XML,
                                "entity reference '&%s;' in <%s> is refused",
                                (const char *)c->name, (const char *)node->name);
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (!elements || !g_strv_contains(elements, (const char *)c->name))
            return cv_error_set(CV_ERR_XML_UNSUPPORTED, CV_FROM_XML,
                                "unsupported element <%s> in <%s>",
                                (const char *)c->name, (const char *)node->name);
    }
    return 0;
}

xmlNode *
cv_xml_child(xmlNode *node, const char *name)
{
    for (xmlNode *c = node->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST name))
            return c;
    return NULL;
}

char *
cv_xml_child_text(xmlNode *node, const char *name)
{
    xmlNode *c = cv_xml_child(node, name);
    xmlChar *t;
    char *ret;

    if (!c)
        return NULL;
    t = xmlNodeGetContent(c);
    ret = g_strdup(t ? g_strstrip((char *)t) : "");
    xmlFree(t);
    return ret;
}

char *
cv_xml_prop(xmlNode *node, const char *name)
{
    xmlChar *v = xmlGetProp(node, BAD_CAST name);
    char *ret = v ? g_strdup((const char *)v) : NULL;

    xmlFree(v);
    return ret;
}

int
cv_xml_parse_u64(const char *text, const char *what, guint64 max, guint64 *out)
{
    guint64 v;
    g_autoptr(GError) gerr = NULL;

    if (!text || !g_ascii_string_to_unsigned(text, 10, 0, G_MAXUINT64, &v, &gerr))
        return cv_error_set(CV_ERR_XML, CV_FROM_XML, "%s: '%s' is not a number",
                            what, text ? text : "");
    if (v > max)
        return cv_error_set(CV_ERR_XML, CV_FROM_XML,
                            "%s: %" G_GUINT64_FORMAT " is more than the maximum %"
                            G_GUINT64_FORMAT, what, v, max);
    *out = v;
    return 0;
}

static const struct {
    const char *name;
    guint64 bytes;
} units[] = {
    { "b", 1 }, { "bytes", 1 },
    { "k", 1ULL << 10 }, { "KiB", 1ULL << 10 }, { "KB", 1000 },
    { "m", 1ULL << 20 }, { "M", 1ULL << 20 }, { "MiB", 1ULL << 20 }, { "MB", 1000000 },
    { "g", 1ULL << 30 }, { "G", 1ULL << 30 }, { "GiB", 1ULL << 30 }, { "GB", 1000000000 },
    { "t", 1ULL << 40 }, { "T", 1ULL << 40 }, { "TiB", 1ULL << 40 },
    { "TB", 1000000000000ULL },
};

int
cv_xml_parse_size(xmlNode *node, const char *what, guint64 scale,
                  const char *def_unit, guint64 max, guint64 *out)
{
    g_autofree char *unit = cv_xml_prop(node, "unit");
    xmlChar *content = xmlNodeGetContent(node);
    g_autofree char *text = g_strdup(content ? g_strstrip((char *)content) : "");
    guint64 mult = 0, v;

    xmlFree(content);
    if (!unit)
        unit = g_strdup(def_unit);
    for (size_t i = 0; i < G_N_ELEMENTS(units); i++)
        if (g_str_equal(unit, units[i].name))
            mult = units[i].bytes;
    if (!mult)
        return cv_error_set(CV_ERR_XML, CV_FROM_XML, "%s: unknown unit '%s'", what, unit);
    if (cv_xml_parse_u64(text, what, G_MAXUINT64, &v) < 0)
        return -1;
    /* Scale exactly (decimal units do not divide evenly into KiB), rounding
     * up as libvirt does, in 128 bits so no input can overflow. */
    {
        unsigned __int128 bytes = (unsigned __int128)v * mult;
        unsigned __int128 scaled = (bytes + scale - 1) / scale;

        if (scaled > max)
            return cv_error_set(CV_ERR_XML, CV_FROM_XML,
                                "%s: %s %s is more than the maximum %" G_GUINT64_FORMAT
                                " (in units of %" G_GUINT64_FORMAT " bytes)",
                                what, text, unit, max, scale);
        *out = (guint64)scaled;
    }
    return 0;
}

int
cv_xml_check_name(const char *name, const char *what)
{
    if (!name || !*name)
        return cv_error_set(CV_ERR_XML, CV_FROM_XML, "%s has an empty name", what);
    if (strlen(name) > 255)
        return cv_error_set(CV_ERR_XML, CV_FROM_XML,
                            "%s name is longer than 255 bytes", what);
    for (const char *p = name; *p; p++)
        if (*p == '/' || g_ascii_iscntrl(*p))
            return cv_error_set(CV_ERR_XML, CV_FROM_XML,
                                "%s name '%s' contains '/' or a control character",
                                what, name);
    if (!g_utf8_validate(name, -1, NULL))
        return cv_error_set(CV_ERR_XML, CV_FROM_XML, "%s name is not valid UTF-8", what);
    return 0;
}

char *
cv_xml_escape(const char *text)
{
    return g_markup_escape_text(text ? text : "", -1);
}

void
cv_xml_append_node(GString *buf, xmlNode *node, int indent)
{
    xmlBufferPtr xb = xmlBufferCreate();

    xmlNodeDump(xb, node->doc, node, indent / 2, 1);
    g_string_append_printf(buf, "%*s%s\n", indent, "", (const char *)xmlBufferContent(xb));
    xmlBufferFree(xb);
}
