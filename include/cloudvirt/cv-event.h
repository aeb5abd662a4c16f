/*
 * cv-event.h: lifecycle events. Callbacks run on a library thread by
 * default, or on a GLib main context the program supplies, never inside the
 * call that caused the event, so a callback may call back into cloudvirt.
 */
#ifndef CLOUDVIRT_CV_EVENT_H
#define CLOUDVIRT_CV_EVENT_H

#include <cloudvirt/cv-common.h>
#include <cloudvirt/cv-connect.h>
#include <cloudvirt/cv-domain.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Domain lifecycle events; numbers match libvirt's virDomainEventType. */
typedef enum {
    CV_EVENT_DOMAIN_DEFINED = 0,
    CV_EVENT_DOMAIN_UNDEFINED = 1,
    CV_EVENT_DOMAIN_STARTED = 2,
    CV_EVENT_DOMAIN_SUSPENDED = 3,
    CV_EVENT_DOMAIN_RESUMED = 4,
    CV_EVENT_DOMAIN_STOPPED = 5,
    CV_EVENT_DOMAIN_SHUTDOWN = 6,      /* the guest began shutting down */
    CV_EVENT_DOMAIN_PMSUSPENDED = 7,
    CV_EVENT_DOMAIN_CRASHED = 8,
} cv_domain_event_type;

/* Details; the numbers match libvirt's for each event type. */
typedef enum {
    CV_EVENT_DEFINED_ADDED = 0,
    CV_EVENT_DEFINED_UPDATED = 1,
    CV_EVENT_DEFINED_FROM_SNAPSHOT = 3,
} cv_event_defined_detail;

typedef enum {
    CV_EVENT_UNDEFINED_REMOVED = 0,
} cv_event_undefined_detail;

typedef enum {
    CV_EVENT_STARTED_BOOTED = 0,
    CV_EVENT_STARTED_FROM_SNAPSHOT = 4,
} cv_event_started_detail;

typedef enum {
    CV_EVENT_SUSPENDED_PAUSED = 0,
    CV_EVENT_SUSPENDED_FROM_SNAPSHOT = 5,
} cv_event_suspended_detail;

typedef enum {
    CV_EVENT_RESUMED_UNPAUSED = 0,
    CV_EVENT_RESUMED_FROM_SNAPSHOT = 2,
} cv_event_resumed_detail;

typedef enum {
    CV_EVENT_STOPPED_SHUTDOWN = 0,
    CV_EVENT_STOPPED_DESTROYED = 1,
    CV_EVENT_STOPPED_CRASHED = 2,
    CV_EVENT_STOPPED_FAILED = 4,
    CV_EVENT_STOPPED_FROM_SNAPSHOT = 6,
} cv_event_stopped_detail;

typedef enum {
    CV_EVENT_SHUTDOWN_FINISHED = 0,
} cv_event_shutdown_detail;

/**
 * cv_domain_event_cb:
 * @conn: the connection the callback was registered on
 * @dom: the domain; borrowed for the duration of the call (take a reference
 *       with cv_domain_ref() to keep it)
 * @event: a cv_domain_event_type
 * @detail: the matching detail enum value
 * @opaque: the user pointer given at registration
 */
typedef void (*cv_domain_event_cb)(cv_connect *conn, cv_domain *dom, int event,
                                   int detail, void *opaque);

/**
 * cv_connect_domain_event_register:
 * @conn: a connection
 * @dom: (optional): only events of this domain, or NULL for all
 * @cb: the callback
 * @opaque: passed to @cb
 * @free_opaque: (optional): called with @opaque once the registration is gone
 * @flags: 0
 *
 * Returns: a callback ID (>= 0) for cv_connect_domain_event_deregister(), or
 * -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_connect_domain_event_register(cv_connect *conn, cv_domain *dom,
                                            cv_domain_event_cb cb, void *opaque,
                                            cv_free_cb free_opaque,
                                            unsigned int flags);

/**
 * cv_connect_domain_event_deregister:
 * @conn: a connection
 * @callback_id: from cv_connect_domain_event_register()
 *
 * After this returns, the callback is not called again, unless this is
 * called from inside that very callback, which then finishes normally.
 *
 * Returns: 0 on success, -1 on failure (CV_ERR_INVALID_ARG for an unknown ID).
 *
 * Since: 0.1
 */
CV_API int cv_connect_domain_event_deregister(cv_connect *conn, int callback_id);

/**
 * cv_connect_set_event_context:
 * @conn: a connection
 * @main_context: (optional): a GMainContext* on which to run callbacks, or
 *                NULL to run them on a library thread (the default)
 * @flags: 0
 *
 * The header takes a plain pointer so that it does not depend on GLib.
 * Events queued before the change are delivered on the new context.
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_connect_set_event_context(cv_connect *conn, void *main_context,
                                        unsigned int flags);

#ifdef __cplusplus
}
#endif

#endif /* CLOUDVIRT_CV_EVENT_H */
