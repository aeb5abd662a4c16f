/*
 * Domain definitions: the supported subset of libvirt's domain XML, parsed
 * into a struct that drivers read and change, and formatted back.
 *
 * Device kinds cloudvirt does not interpret but that virt-install and
 * virt-manager commonly write (controller, input, video, memballoon, sound,
 * channel, rng, watchdog) and the top-level <cpu>, <pm> and <metadata> are
 * kept verbatim, so they round-trip and reach libvirt unchanged. Anything
 * else is refused by name.
 */
#pragma once

#include <stdbool.h>
#include <glib.h>
#include <cloudvirt/cv-common.h>

/* Limits that make absurd definitions fail early. */
#define CV_DOMAIN_MAX_VCPUS 4096
#define CV_DOMAIN_MAX_MEMORY_KIB (1ULL << 42)   /* 4 PiB */

typedef struct {
    char *type;          /* file, block, volume, network */
    char *device;        /* disk, cdrom, floppy, lun */
    char *driver_name;   /* qemu */
    char *driver_type;   /* raw, qcow2, ... */
    char *driver_cache;
    char *source;        /* file or dev path; NULL for an empty cdrom */
    char *source_pool;   /* type volume */
    char *source_volume;
    char *target_dev;    /* vda, sda, hdc: unique within a domain */
    char *target_bus;    /* virtio, sata, scsi, ide, usb, xen */
    bool readonly;
    bool shareable;
    char *serial;
    unsigned int boot_order;  /* 0 = none */
    char *address_xml;   /* <address> kept verbatim: guest-visible slot */
} cv_disk_def;

typedef struct {
    char *type;          /* network, bridge, user, direct */
    char mac[18];        /* "52:54:00:xx:xx:xx", generated if absent */
    char *source;        /* network name, bridge name or host device */
    char *model;         /* virtio, e1000, rtl8139 */
    char *target_dev;
    char *address_xml;   /* <address> kept verbatim */
} cv_iface_def;

typedef struct {
    char *type;          /* pty, file, stdio, null */
    char *path;          /* type file */
    int port;            /* target port, -1 if absent */
    bool is_console;     /* <console> rather than <serial> */
} cv_chardev_def;

typedef struct {
    char *type;          /* vnc, spice */
    int port;            /* -1 auto */
    bool autoport;
    char *listen;
} cv_graphics_def;

typedef struct {
    char *type;          /* test, qemu, kvm, xen, hyperv */
    char *name;
    unsigned char uuid[CV_UUID_BUFLEN];
    char *title;
    char *description;
    guint64 max_memory_kib;   /* <memory> */
    guint64 memory_kib;       /* <currentMemory>, <= max */
    unsigned int max_vcpus;   /* <vcpu> */
    unsigned int vcpus;       /* <vcpu current=''>, <= max */

    char *os_type;            /* hvm, xen, linux, exe */
    char *os_arch;
    char *os_machine;
    char *os_kernel;
    char *os_initrd;
    char *os_cmdline;
    char *os_loader;
    GPtrArray *os_boot;       /* char*: hd, cdrom, network, fd */

    bool acpi, apic, pae;
    char *clock_offset;       /* utc, localtime */
    char *on_poweroff;        /* destroy, restart, preserve, rename-restart */
    char *on_reboot;
    char *on_crash;

    char *emulator;
    GPtrArray *disks;         /* cv_disk_def* */
    GPtrArray *ifaces;        /* cv_iface_def* */
    GPtrArray *chardevs;      /* cv_chardev_def* */
    GPtrArray *graphics;      /* cv_graphics_def* */
    GPtrArray *kept_devices;  /* char*: verbatim XML of kept device kinds */
    GPtrArray *kept_top;      /* char*: verbatim <cpu>, <pm>, <metadata> */
} cv_domain_def;

typedef enum {
    CV_DOMAIN_DEF_FORMAT_INACTIVE = 1 << 0,  /* omit the id attribute */
} cv_domain_def_format_flags;

cv_domain_def *cv_domain_def_parse(const char *xml);
/* @id: the running domain's ID, or -1. */
char *cv_domain_def_format(const cv_domain_def *def, int id, unsigned int flags);
cv_domain_def *cv_domain_def_copy(const cv_domain_def *def);
void cv_domain_def_free(cv_domain_def *def);

/* One <disk> or <interface>, for attach and detach. Exactly one of the
 * out-pointers is set. */
int cv_domain_device_parse(const char *xml, cv_disk_def **disk, cv_iface_def **iface);
cv_disk_def *cv_disk_def_copy(const cv_disk_def *disk);
void cv_disk_def_free(cv_disk_def *disk);
cv_iface_def *cv_iface_def_copy(const cv_iface_def *iface);
void cv_iface_def_free(cv_iface_def *iface);

/* Index in def->disks of the disk with target @dev, or -1. */
int cv_domain_def_find_disk(const cv_domain_def *def, const char *target_dev);
/* Index in def->ifaces of the interface with @mac, or -1. */
int cv_domain_def_find_iface(const cv_domain_def *def, const char *mac);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(cv_domain_def, cv_domain_def_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(cv_disk_def, cv_disk_def_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(cv_iface_def, cv_iface_def_free)
