/*
 * Connection URIs: DRIVER[+TRANSPORT]://[USER@]HOST[:PORT]/PATH[?QUERY].
 * Parsed with GLib's GUri; this module adds what cloudvirt means by each part.
 */
#pragma once

#include <glib.h>

typedef struct cv_uri {
    char *scheme;      /* as written, lower-cased: "test+ssh" */
    char *driver;      /* "test", "kvm", "xen", "hyperv"; "qemu" becomes "kvm" */
    char *transport;   /* "ssh", or NULL for a local URI */
    char *user;        /* NULL if absent */
    char *host;        /* NULL or "" for a local URI */
    int port;          /* -1 if absent */
    char *path;        /* "/default", "/system", "/abs/host.xml"; never NULL */
    GHashTable *params; /* query parameters, decoded; never NULL */
} cv_uri;

/* Returns NULL with CV_ERR_INVALID_URI saying what is wrong with @str. */
cv_uri *cv_uri_parse(const char *str);
void cv_uri_free(cv_uri *uri);
/* Canonical text form; query parameters sorted so it is stable. */
char *cv_uri_format(const cv_uri *uri);
/* The value of query parameter @name, or NULL. */
const char *cv_uri_get_param(const cv_uri *uri, const char *name);
/* TRUE when the URI addresses this host (no host part, no transport). */
gboolean cv_uri_is_local(const cv_uri *uri);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(cv_uri, cv_uri_free)
