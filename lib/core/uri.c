/*
 * URI parsing on top of GLib's GUri. GUri does the RFC 3986 work; here we
 * only split "driver+transport", map aliases and refuse what no driver could
 * mean, so every driver sees the same, already-validated cv_uri.
 */
#include <config.h>

#include <string.h>

#include "core/error.h"
#include "core/uri.h"

/* A URI longer than this is a mistake or an attack, not a connection. */
#define CV_URI_MAX_LEN 4096

static const char *const known_drivers[] = { "test", "kvm", "xen", "hyperv", NULL };
static const char *const known_transports[] = { "ssh", NULL };

void
cv_uri_free(cv_uri *uri)
{
    if (!uri)
        return;
    g_free(uri->scheme);
    g_free(uri->driver);
    g_free(uri->transport);
    g_free(uri->user);
    g_free(uri->host);
    g_free(uri->path);
    if (uri->params)
        g_hash_table_unref(uri->params);
    g_free(uri);
}

static gboolean
in_list(const char *const *list, const char *s)
{
    return g_strv_contains(list, s);
}

cv_uri *
cv_uri_parse(const char *str)
{
    g_autoptr(GError) gerr = NULL;
    g_autoptr(GUri) guri = NULL;
    g_autoptr(cv_uri) uri = g_new0(cv_uri, 1);
    g_auto(GStrv) parts = NULL;
    const char *query;

    if (!str || !*str) {
        cv_error_set(CV_ERR_INVALID_URI, CV_FROM_URI,
                     "empty connection URI (try 'test:///default')");
        return NULL;
    }
    if (strlen(str) > CV_URI_MAX_LEN) {
        cv_error_set(CV_ERR_INVALID_URI, CV_FROM_URI,
                     "connection URI is longer than %d bytes", CV_URI_MAX_LEN);
        return NULL;
    }
    guri = g_uri_parse(str, G_URI_FLAGS_NONE, &gerr);
    if (!guri) {
        cv_error_set_gerror(CV_ERR_INVALID_URI, CV_FROM_URI, gerr,
                            "cannot parse connection URI '%s'", str);
        return NULL;
    }

    uri->scheme = g_ascii_strdown(g_uri_get_scheme(guri), -1);
    parts = g_strsplit(uri->scheme, "+", 3);
    if (g_strv_length(parts) > 2) {
        cv_error_set(CV_ERR_INVALID_URI, CV_FROM_URI,
                     "URI scheme '%s' has more than one '+': expected "
                     "DRIVER or DRIVER+TRANSPORT", uri->scheme);
        return NULL;
    }
    uri->driver = g_strdup(g_str_equal(parts[0], "qemu") ? "kvm" : parts[0]);
    if (!in_list(known_drivers, uri->driver)) {
        cv_error_set(CV_ERR_INVALID_URI, CV_FROM_URI,
                     "unknown driver '%s' in URI '%s' (known: test, kvm or "
                     "qemu, xen, hyperv)", parts[0], str);
        return NULL;
    }
    if (parts[1]) {
        if (!in_list(known_transports, parts[1])) {
            cv_error_set(CV_ERR_INVALID_URI, CV_FROM_URI,
                         "unknown transport '%s' in URI '%s' (known: ssh)",
                         parts[1], str);
            return NULL;
        }
        uri->transport = g_strdup(parts[1]);
    }

    uri->user = g_strdup(g_uri_get_user(guri));
    uri->host = g_strdup(g_uri_get_host(guri));
    uri->port = g_uri_get_port(guri);
    uri->path = g_strdup(*g_uri_get_path(guri) ? g_uri_get_path(guri) : "/");
    if (uri->transport && (!uri->host || !*uri->host)) {
        cv_error_set(CV_ERR_INVALID_URI, CV_FROM_URI,
                     "URI '%s' names transport '%s' but no host "
                     "(DRIVER+%s://[USER@]HOST[:PORT]/PATH)",
                     str, uri->transport, uri->transport);
        return NULL;
    }

    query = g_uri_get_query(guri);
    if (query && *query) {
        uri->params = g_uri_parse_params(query, -1, "&", G_URI_PARAMS_NONE, &gerr);
        if (!uri->params) {
            cv_error_set_gerror(CV_ERR_INVALID_URI, CV_FROM_URI, gerr,
                                "bad query in URI '%s'", str);
            return NULL;
        }
    } else {
        uri->params = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    }
    if (g_uri_get_fragment(guri)) {
        cv_error_set(CV_ERR_INVALID_URI, CV_FROM_URI,
                     "URI '%s' has a fragment ('#...'), which no driver uses", str);
        return NULL;
    }
    return g_steal_pointer(&uri);
}

const char *
cv_uri_get_param(const cv_uri *uri, const char *name)
{
    return g_hash_table_lookup(uri->params, name);
}

gboolean
cv_uri_is_local(const cv_uri *uri)
{
    return !uri->transport && (!uri->host || !*uri->host);
}

char *
cv_uri_format(const cv_uri *uri)
{
    g_autoptr(GString) query = g_string_new(NULL);
    g_autoptr(GList) keys = g_list_sort(g_hash_table_get_keys(uri->params),
                                        (GCompareFunc)strcmp);
    g_autofree char *scheme = uri->transport
        ? g_strconcat(uri->driver, "+", uri->transport, NULL)
        : g_strdup(uri->driver);

    for (GList *k = keys; k; k = k->next) {
        g_autofree char *ek = g_uri_escape_string(k->data, NULL, FALSE);
        g_autofree char *ev = g_uri_escape_string(
            g_hash_table_lookup(uri->params, k->data), NULL, FALSE);
        g_string_append_printf(query, "%s%s=%s", query->len ? "&" : "", ek, ev);
    }
    return g_uri_join(G_URI_FLAGS_NONE, scheme, uri->user,
                      uri->host ? uri->host : "", uri->port, uri->path,
                      query->len ? query->str : NULL, NULL);
}
