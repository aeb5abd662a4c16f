/*
 * Output: errors to stderr as "error: ...", JSON through json-glib.
 */
#include <config.h>

#include <stdio.h>

#include "cvsh.h"

int
cvsh_fail(const char *fmt, ...)
{
    va_list ap;
    g_autofree char *msg = NULL;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    fprintf(stderr, "error: %s\n", msg);
    return -1;
}

/* The debug flag is global to the process; set by main. */
bool cvsh_debug_errors;

int
cvsh_api_fail(const char *what)
{
    const cv_error *err = cv_error_last();

    if (!err)
        return cvsh_fail("%s", what);
    if (cvsh_debug_errors)
        return cvsh_fail("%s: %s [%s, module %s]", what, err->message,
                         cv_error_code_name(err->code), cv_error_module_name(err->module));
    return cvsh_fail("%s: %s", what, err->message);
}

void
cvsh_print_json(JsonBuilder *b)
{
    g_autoptr(JsonGenerator) gen = json_generator_new();
    g_autoptr(JsonNode) root = json_builder_get_root(b);
    g_autofree char *text = NULL;

    json_generator_set_root(gen, root);
    json_generator_set_pretty(gen, TRUE);
    text = json_generator_to_data(gen, NULL);
    printf("%s\n", text);
}

void
cvsh_json_result(cvsh_ctx *ctx, const char *message)
{
    if (ctx->json) {
        g_autoptr(JsonBuilder) b = json_builder_new();
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "result");
        json_builder_add_string_value(b, "ok");
        json_builder_set_member_name(b, "message");
        json_builder_add_string_value(b, message);
        json_builder_end_object(b);
        cvsh_print_json(b);
    } else {
        printf("%s\n", message);
    }
}

const char *
cvsh_state_name(int state)
{
    switch (state) {
    case CV_DOMAIN_RUNNING: return "running";
    case CV_DOMAIN_BLOCKED: return "idle";
    case CV_DOMAIN_PAUSED: return "paused";
    case CV_DOMAIN_SHUTDOWN: return "in shutdown";
    case CV_DOMAIN_SHUTOFF: return "shut off";
    case CV_DOMAIN_CRASHED: return "crashed";
    case CV_DOMAIN_PMSUSPENDED: return "pmsuspended";
    default: return "no state";
    }
}

char *
cvsh_format_kib(guint64 kib)
{
    return g_strdup_printf("%" G_GUINT64_FORMAT " KiB", kib);
}
