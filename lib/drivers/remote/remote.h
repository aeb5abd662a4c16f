/*
 * The remote driver (remote-driver.c), reached by lib/core/connect.c for
 * URIs whose transport is "ssh".
 */
#pragma once

#include "core/driver.h"
#include "rpc/transport.h"

extern const cv_driver cv_remote_driver;

/* Credentials for the cv_connect_open() running on this thread (or NULL). */
void cv_remote_set_open_auth(const cv_rpc_auth *auth);
