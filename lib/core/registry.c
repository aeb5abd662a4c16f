/*
 * The drivers, in the order cv_connect_open() asks them. Each answers
 * SUCCESS, DECLINED or ERROR for a URI; remote goes last so that a local
 * driver never loses a URI it understands.
 */
#include <config.h>

#include "core/driver.h"
#include "core/error.h"
#include "core/object.h"

/* TEMPORARY (foundation bring-up): weak until lib/drivers/test lands, so the
 * tree links meanwhile. Made strong again once it exists. */
extern const cv_driver cv_test_driver __attribute__((weak));

const cv_driver *const *
cv_registry_drivers(void)
{
    static const cv_driver *drivers[2];

    if (!drivers[0] && &cv_test_driver)
        drivers[0] = &cv_test_driver;
    return drivers;
}

int
cv_error_unsupported(cv_connect *conn, const char *operation)
{
    return cv_error_set(CV_ERR_UNSUPPORTED, CV_FROM_CORE,
                        "operation '%s' is not supported by the '%s' driver",
                        operation, conn->driver->name);
}
