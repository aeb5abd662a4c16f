/*
 * cv_connect_open_auth(): cv_connect_open() with a credential callback.
 * The driver's open entry has no room for a callback, so it travels to the
 * remote driver in a thread-local for exactly the duration of the open,
 * which runs on this thread.
 */
#include <config.h>

#include <cloudvirt/cv-auth.h>

#include "core/error.h"
#include "drivers/remote/remote.h"

cv_connect *
cv_connect_open_auth(const char *uri, cv_auth_cb cb, void *opaque,
                     cv_free_cb free_opaque, unsigned int flags)
{
    cv_rpc_auth auth = { cb, opaque };
    cv_connect *conn;

    cv_remote_set_open_auth(&auth);
    conn = cv_connect_open(uri, flags);
    cv_remote_set_open_auth(NULL);
    if (free_opaque) {
        cv_error_saved *saved = cv_error_save();
        free_opaque(opaque);
        cv_error_restore(saved);
    }
    return conn;
}
