#include <config.h>

#include "core/xml/snapshot-conf.h"
#include "core/xml/xml-util.h"

void
cv_snapshot_req_free(cv_snapshot_req *req)
{
    if (!req)
        return;
    g_free(req->name);
    g_free(req->description);
    g_free(req);
}

cv_snapshot_req *
cv_snapshot_req_parse(const char *xml)
{
    static const char *const elems[] = { "name", "description", NULL };
    g_autoptr(xmlDoc) doc = cv_xml_parse(xml, "domainsnapshot");
    g_autoptr(cv_snapshot_req) req = NULL;
    xmlNode *root;

    if (!doc)
        return NULL;
    root = xmlDocGetRootElement(doc);
    if (cv_xml_check_known(root, elems, NULL) < 0)
        return NULL;
    req = g_new0(cv_snapshot_req, 1);
    req->name = cv_xml_child_text(root, "name");
    req->description = cv_xml_child_text(root, "description");
    if (req->name && cv_xml_check_name(req->name, "snapshot") < 0)
        return NULL;
    return g_steal_pointer(&req);
}
