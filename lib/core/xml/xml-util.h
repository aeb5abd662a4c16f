/*
 * Hardened libxml2 use shared by every XML definition parser.
 *
 * Documents come from users and from remote peers, so parsing never touches
 * the network, never loads a DTD, never expands entities, refuses any
 * DOCTYPE, and caps document size and nesting. Errors name the element or
 * attribute at fault.
 */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

#include "core/error.h"

/* Largest definition we accept; libvirt's biggest real domains are ~100 KiB. */
#define CV_XML_MAX_SIZE (4u << 20)

/* Parses @xml, whose root must be <@root>. Returns NULL with CV_ERR_XML. */
xmlDoc *cv_xml_parse(const char *xml, const char *root);

/* Refuses children and attributes of @node not in the NULL-terminated lists,
 * naming the first unknown one (CV_ERR_XML_UNSUPPORTED). */
int cv_xml_check_known(xmlNode *node, const char *const *elements,
                       const char *const *attributes);

/* The first child element named @name, or NULL. */
xmlNode *cv_xml_child(xmlNode *node, const char *name);
/* Text content of the first child element @name (g_malloc'd), or NULL. */
char *cv_xml_child_text(xmlNode *node, const char *name);
/* Attribute value (g_malloc'd), or NULL. */
char *cv_xml_prop(xmlNode *node, const char *name);

/*
 * Reads an unsigned integer from text. 0 on success; -1 with CV_ERR_XML
 * naming @what if it is not a number or exceeds @max.
 */
int cv_xml_parse_u64(const char *text, const char *what, guint64 max, guint64 *out);

/*
 * Reads a size element like <memory unit='MiB'>512</memory> and returns it
 * scaled to units of @scale bytes (1024 for KiB). Units as libvirt: b,
 * bytes, k, KiB, KB, M, MiB, MB, G, GiB, GB, T, TiB, TB; default @def_unit.
 * Refuses results above @max (in @scale units).
 */
int cv_xml_parse_size(xmlNode *node, const char *what, guint64 scale,
                      const char *def_unit, guint64 max, guint64 *out);

/* Names must be non-empty, at most 255 bytes, without '/' or control chars. */
int cv_xml_check_name(const char *name, const char *what);

/* Escapes text for element content or attribute values. */
char *cv_xml_escape(const char *text);

/* Appends an element subtree serialized as XML to @buf, indented by @indent. */
void cv_xml_append_node(GString *buf, xmlNode *node, int indent);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlDoc, xmlFreeDoc)
