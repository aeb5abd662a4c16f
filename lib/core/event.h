/*
 * Event plumbing. Drivers emit; lib/core queues and delivers on the
 * connection's chosen GMainContext, or on one library thread, in emission
 * order per connection. Emitting never blocks on a callback and never calls
 * one on the emitting thread, so drivers may emit while holding their locks.
 */
#pragma once

#include <cloudvirt/cloudvirt.h>

typedef struct cv_event_state cv_event_state;

cv_event_state *cv_event_state_new(void);
/* Stops delivery and frees registrations (their free_opaque runs). */
void cv_event_state_free(cv_event_state *st);

/* Raises a domain lifecycle event on @conn for the domain @name/@uuid. */
void cv_event_domain_emit(cv_connect *conn, const char *name,
                          const unsigned char *uuid, int event, int detail);

/*
 * Waits until every event emitted on @conn before this call has been
 * delivered (or @timeout_ms passes). For tests and for drivers that promise
 * ordering to a caller; returns 0, or -1 on timeout.
 */
int cv_event_flush(cv_connect *conn, int timeout_ms);
