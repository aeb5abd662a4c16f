# lib/drivers/remote: the client side of the remote protocol as a driver.
noinst_LTLIBRARIES += lib/drivers/remote/libcvdrvremote.la
lib_drivers_remote_libcvdrvremote_la_SOURCES = \
	lib/drivers/remote/remote.h \
	lib/drivers/remote/remote-driver.c \
	lib/drivers/remote/remote-auth.c
lib_drivers_remote_libcvdrvremote_la_CFLAGS = $(AM_CFLAGS) $(SSH2_CFLAGS)
lib_libcloudvirt_la_LIBADD += lib/drivers/remote/libcvdrvremote.la
