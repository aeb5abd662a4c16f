/*
 * Thread-local last error. The per-thread record lives in a GPrivate whose
 * destructor frees it when the thread exits, so bindings that create threads
 * freely do not leak.
 */
#include <config.h>

#include <errno.h>
#include <string.h>

#include "core/error.h"

typedef struct {
    cv_error pub;      /* what cv_error_last() hands out */
    gboolean set;
    char *message;     /* owned; pub.message points here */
} cv_error_slot;

struct cv_error_saved {
    gboolean set;
    int code;
    int module;
    char *message;
};

static void
error_slot_free(gpointer data)
{
    cv_error_slot *slot = data;

    g_free(slot->message);
    g_free(slot);
}

static GPrivate error_key = G_PRIVATE_INIT(error_slot_free);

static cv_error_slot *
error_slot(void)
{
    cv_error_slot *slot = g_private_get(&error_key);

    if (!slot) {
        slot = g_new0(cv_error_slot, 1);
        g_private_set(&error_key, slot);
    }
    return slot;
}

/* Takes ownership of @message. */
static int
error_store(int code, int module, char *message)
{
    cv_error_slot *slot = error_slot();

    g_free(slot->message);
    slot->message = message;
    slot->pub.code = code;
    slot->pub.module = module;
    slot->pub.message = message;
    slot->set = TRUE;
    return -1;
}

const cv_error *
cv_error_last(void)
{
    cv_error_slot *slot = g_private_get(&error_key);

    return slot && slot->set ? &slot->pub : NULL;
}

void
cv_error_reset(void)
{
    cv_error_slot *slot = g_private_get(&error_key);

    if (!slot)
        return;
    g_clear_pointer(&slot->message, g_free);
    slot->pub.code = CV_ERR_OK;
    slot->pub.module = CV_FROM_NONE;
    slot->pub.message = NULL;
    slot->set = FALSE;
}

gboolean
cv_error_is_set(void)
{
    return cv_error_last() != NULL;
}

int
cv_error_last_code(void)
{
    const cv_error *err = cv_error_last();

    return err ? err->code : CV_ERR_OK;
}

int
cv_error_set(cv_error_code code, cv_error_module module, const char *fmt, ...)
{
    va_list ap;
    char *msg;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    return error_store(code, module, msg);
}

int
cv_error_set_errno(cv_error_code code, cv_error_module module, int errnum,
                   const char *fmt, ...)
{
    va_list ap;
    g_autofree char *msg = NULL;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    return error_store(code, module,
                       g_strdup_printf("%s: %s", msg, g_strerror(errnum)));
}

int
cv_error_set_gerror(cv_error_code code, cv_error_module module,
                    const GError *gerr, const char *fmt, ...)
{
    va_list ap;
    g_autofree char *msg = NULL;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    if (!gerr)
        return error_store(code, module, g_steal_pointer(&msg));
    return error_store(code, module,
                       g_strdup_printf("%s: %s", msg, gerr->message));
}

int
cv_error_prefix(const char *fmt, ...)
{
    const cv_error *err = cv_error_last();
    va_list ap;
    g_autofree char *prefix = NULL;

    va_start(ap, fmt);
    prefix = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    if (!err)
        return error_store(CV_ERR_INTERNAL, CV_FROM_CORE,
                           g_strdup_printf("%s: failed without saying why "
                                           "(a cloudvirt bug; please report it)",
                                           prefix));
    return error_store(err->code, err->module,
                       g_strdup_printf("%s: %s", prefix, err->message));
}

cv_error_saved *
cv_error_save(void)
{
    const cv_error *err = cv_error_last();
    cv_error_saved *saved = g_new0(cv_error_saved, 1);

    if (err) {
        saved->set = TRUE;
        saved->code = err->code;
        saved->module = err->module;
        saved->message = g_strdup(err->message);
    }
    return saved;
}

void
cv_error_restore(cv_error_saved *saved)
{
    if (!saved)
        return;
    if (saved->set)
        error_store(saved->code, saved->module, g_steal_pointer(&saved->message));
    else
        cv_error_reset();
    g_free(saved->message);
    g_free(saved);
}

const char *
cv_error_code_name(int code)
{
    static const char *const names[] = {
        [CV_ERR_OK] = "CV_ERR_OK",
        [CV_ERR_INTERNAL] = "CV_ERR_INTERNAL",
        [CV_ERR_NO_MEMORY] = "CV_ERR_NO_MEMORY",
        [CV_ERR_INVALID_ARG] = "CV_ERR_INVALID_ARG",
        [CV_ERR_INVALID_URI] = "CV_ERR_INVALID_URI",
        [CV_ERR_NO_DRIVER] = "CV_ERR_NO_DRIVER",
        [CV_ERR_UNSUPPORTED] = "CV_ERR_UNSUPPORTED",
        [CV_ERR_READ_ONLY] = "CV_ERR_READ_ONLY",
        [CV_ERR_XML] = "CV_ERR_XML",
        [CV_ERR_XML_UNSUPPORTED] = "CV_ERR_XML_UNSUPPORTED",
        [CV_ERR_INVALID_HANDLE] = "CV_ERR_INVALID_HANDLE",
        [CV_ERR_NO_DOMAIN] = "CV_ERR_NO_DOMAIN",
        [CV_ERR_NO_NETWORK] = "CV_ERR_NO_NETWORK",
        [CV_ERR_NO_POOL] = "CV_ERR_NO_POOL",
        [CV_ERR_NO_VOLUME] = "CV_ERR_NO_VOLUME",
        [CV_ERR_NO_SNAPSHOT] = "CV_ERR_NO_SNAPSHOT",
        [CV_ERR_DUPLICATE] = "CV_ERR_DUPLICATE",
        [CV_ERR_OPERATION_INVALID] = "CV_ERR_OPERATION_INVALID",
        [CV_ERR_OPERATION_FAILED] = "CV_ERR_OPERATION_FAILED",
        [CV_ERR_CONFIG] = "CV_ERR_CONFIG",
        [CV_ERR_RESOURCE_LIMIT] = "CV_ERR_RESOURCE_LIMIT",
        [CV_ERR_IO] = "CV_ERR_IO",
        [CV_ERR_SYSTEM] = "CV_ERR_SYSTEM",
        [CV_ERR_IMAGE_FORMAT] = "CV_ERR_IMAGE_FORMAT",
        [CV_ERR_IMAGE_CORRUPT] = "CV_ERR_IMAGE_CORRUPT",
        [CV_ERR_AUTH] = "CV_ERR_AUTH",
        [CV_ERR_HOST_KEY] = "CV_ERR_HOST_KEY",
        [CV_ERR_RPC] = "CV_ERR_RPC",
        [CV_ERR_CONNECTION_CLOSED] = "CV_ERR_CONNECTION_CLOSED",
        [CV_ERR_TIMEOUT] = "CV_ERR_TIMEOUT",
        [CV_ERR_NETWORK_CONFLICT] = "CV_ERR_NETWORK_CONFLICT",
        [CV_ERR_BUSY] = "CV_ERR_BUSY",
        [CV_ERR_NO_SUPPORT_FLAGS] = "CV_ERR_NO_SUPPORT_FLAGS",
        [CV_ERR_HYPERVISOR] = "CV_ERR_HYPERVISOR",
        [CV_ERR_DAEMON_UNAVAILABLE] = "CV_ERR_DAEMON_UNAVAILABLE",
    };

    if (code < 0 || (size_t)code >= G_N_ELEMENTS(names) || !names[code])
        return "CV_ERR_UNKNOWN";
    return names[code];
}

const char *
cv_error_module_name(int module)
{
    static const char *const names[] = {
        [CV_FROM_NONE] = "none",
        [CV_FROM_CORE] = "core",
        [CV_FROM_URI] = "uri",
        [CV_FROM_XML] = "xml",
        [CV_FROM_EVENT] = "event",
        [CV_FROM_TEST] = "test",
        [CV_FROM_KVM] = "kvm",
        [CV_FROM_XEN] = "xen",
        [CV_FROM_HYPERV] = "hyperv",
        [CV_FROM_REMOTE] = "remote",
        [CV_FROM_RPC] = "rpc",
        [CV_FROM_SSH] = "ssh",
        [CV_FROM_LIBVIRT] = "libvirt",
        [CV_FROM_STORAGE] = "storage",
        [CV_FROM_IMAGE] = "image",
        [CV_FROM_NET] = "net",
    };

    if (module < 0 || (size_t)module >= G_N_ELEMENTS(names) || !names[module])
        return "unknown";
    return names[module];
}
