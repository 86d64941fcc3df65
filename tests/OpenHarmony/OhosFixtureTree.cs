using EdgeBuild.Tooling;
using EdgeBuild.Engine;
using EdgeBuild.OpenHarmony;
using EdgeBuild.Tests.Support;

namespace EdgeBuild.Tests.OpenHarmony;

/// <summary>
/// Writes the parts of an OpenHarmony tree the OpenHarmony targets touch, in the layout of 3.1, 3.2 or 4.1 and later
/// (4.1's shapes hold through 7.0 at the release tags), plus build scripts that write the version's image set like the real build does.
/// </summary>
public sealed class OhosFixtureTree : IDisposable
{
    /// <summary>The tree's root.</summary>
    public AbsolutePath Root { get; }
    /// <summary>The version whose layout was written.</summary>
    public string Version { get; }

    private OhosFixtureTree(AbsolutePath root, string version) { Root = root; Version = version; }

    /// <summary>The repository's own data (targets/openharmony).</summary>
    public static OhosCatalog Catalog => OhosCatalog.Load(RepositoryRoot.Absolute / "targets" / "openharmony");

    // Upstream's _dir_list per release (build/ohos/images/build_image.py).
    private static readonly Dictionary<string, string> DirLists = new()
    {
        ["3.1"] = "        'config', 'dev', 'proc', 'sys', 'updater', 'system', 'vendor', 'data',\n        'chipset', 'storage', 'mnt', 'tmp', 'sys_prod', 'chip_prod'\n",
        ["3.2"] = "        'config', 'dev', 'proc', 'sys', 'updater', 'system', 'vendor', 'data',\n        'storage', 'mnt', 'tmp', 'sys_prod', 'chip_prod'\n",
        ["4.1"] = "        'config', 'dev', 'proc', 'sys', 'updater', 'system', 'vendor', 'data', 'chip_ckm',\n        'storage', 'mnt', 'tmp', 'sys_prod', 'chip_prod', 'module_update', 'eng_system', 'eng_chipset'\n",
    };

    private static readonly Dictionary<string, string> SelinuxDirs = new()
    {
        ["3.1"] = "base/security/selinux", ["3.2"] = "base/security/selinux", ["4.1"] = "base/security/selinux_adapter",
    };

    private static readonly Dictionary<string, string> VersionFiles = new()
    {
        ["3.1"] = "base/startup/init_lite/services/etc/param/ohos_const/ohos.para",
        ["3.2"] = "base/startup/init/services/etc/param/ohos_const/ohos.para",
        ["4.1"] = "base/startup/init/services/etc/param/ohos_const/ohos.para",
    };

    private static readonly Dictionary<string, string> FullNames = new() { ["3.1"] = "3.1.10.5", ["3.2"] = "3.2.10.10", ["4.1"] = "4.1.7.5" };

    /// <summary>Images upstream's rk3568 build leaves in out/rk3568/packages/phone/images.</summary>
    public static readonly Dictionary<string, string[]> ImageSets = new()
    {
        ["3.1"] = ["MiniLoaderAll.bin", "parameter.txt", "uboot.img", "resource.img", "boot_linux.img", "system.img", "vendor.img", "userdata.img", "updater.img"],
        ["3.2"] = ["MiniLoaderAll.bin", "parameter.txt", "uboot.img", "resource.img", "boot_linux.img", "ramdisk.img", "system.img", "vendor.img", "userdata.img", "updater.img",
                   "sys_prod.img", "chip_prod.img", "config.cfg"],
        ["4.1"] = ["MiniLoaderAll.bin", "parameter.txt", "uboot.img", "resource.img", "boot_linux.img", "ramdisk.img", "system.img", "vendor.img", "userdata.img", "updater.img",
                   "sys_prod.img", "chip_prod.img", "chip_ckm.img", "config.cfg"],
    };

    /// <summary>The kernel config build.sh embeds in boot_linux.img.</summary>
    public const string KernelConfig = "#\n# Automatically generated file; DO NOT EDIT.\n# Linux/arm64 5.10.79 Kernel Configuration\n#\n" +
        "CONFIG_NAMESPACES=y\nCONFIG_VETH=y\n# CONFIG_VXLAN is not set\n";

    /// <summary>A fresh tree of <paramref name="version"/>'s layout in a temp directory (3.1, 3.2, or 4.1 and later).</summary>
    public static OhosFixtureTree Create(string version)
    {
        var tree = new OhosFixtureTree(AbsolutePath.Create(Directory.CreateTempSubdirectory("ohos-fixture-").FullName), version);
        var shape = Shape(version);
        tree.Write("build/ohos/images/build_image.py", BuildImagePy(DirLists[shape]));
        tree.Write($"{SelinuxDirs[shape]}/sepolicy/base/system/file_contexts", FileContexts);
        tree.Write(VersionFiles[shape], $"const.ohos.releasetype=Release\nconst.ohos.fullname=OpenHarmony-{(shape == version ? FullNames[version] : version + ".0.1")}\n");
        tree.Write("kernel/linux/config/linux-5.10/arch/arm64/configs/rk3568_standard_defconfig", KernelConfig);
        tree.Write(".fixture-images", string.Join("\n", ImageSets[shape]) + "\n");
        tree.Write("build/prebuilts_download.sh", PrebuiltsDownload, executable: true);
        tree.Write("build.sh", BuildSh, executable: true);
        return tree;
    }

    /// <summary>The layout a version shares: its own for 3.1 and 3.2, 4.1's from 4.1 on.</summary>
    public static string Shape(string version) => version is "3.1" or "3.2" ? version : "4.1";

    /// <summary>Writes a file under the tree.</summary>
    public void Write(string relative, string content, bool executable = false)
    {
        var path = Root / relative;
        Directory.CreateDirectory(path.Parent);
        File.WriteAllText(path, content);
        if (executable && !OperatingSystem.IsWindows()) File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
    }

    /// <summary>Reads a file under the tree.</summary>
    public string Read(string relative) => File.ReadAllText(Root / relative);

    /// <summary>sha256 of every file, by relative path (proves "nothing written").</summary>
    public Dictionary<string, string> Snapshot() =>
        Directory.GetFiles(Root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(Root, f), f => FileHash.Sha256(f) + File.GetLastWriteTimeUtc(f).Ticks);

    public void Dispose() { try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { } }

    private static string BuildImagePy(string dirList) => $$"""
        #!/usr/bin/env python
        # -*- coding: utf-8 -*-
        import sys
        import os
        import shutil


        def _prepare_userdata(userdata_path):
            if os.path.exists(userdata_path):
                shutil.rmtree(userdata_path)
            os.makedirs(userdata_path)


        def _prepare_root(system_path, target_cpu):
            root_dir = os.path.join(os.path.dirname(system_path), 'root')
            if os.path.exists(root_dir):
                shutil.rmtree(root_dir)
            os.makedirs(root_dir, exist_ok=True)
            _dir_list = [
        {{dirList}}    ]
            for _dir_name in _dir_list:
                os.makedirs(os.path.join(root_dir, _dir_name), exist_ok=True)
            os.symlink('/system/bin', os.path.join(root_dir, 'bin'))
            os.symlink('/system/lib', os.path.join(root_dir, 'lib'))


        def _prepare_updater(updater_path):
            _dir_list = ['dev', 'proc', 'sys', 'system', 'tmp', 'lib', 'lib64', 'vendor']
            for _dir_name in _dir_list:
                _path = os.path.join(updater_path, _dir_name)
                os.makedirs(_path, exist_ok=True)

        """;

    private const string FileContexts = """
        # Copyright (c) 2021 Huawei Device Co., Ltd.
        # please put shorter config ahead;
        # root
        /       u:object_r:rootfs:s0

        /lost\+found       u:object_r:rootfs:s0
        /bin       u:object_r:rootfs:s0
        /chipset       u:object_r:rootfs:s0
        /mnt      u:object_r:rootfs:s0
        /tmp      u:object_r:rootfs:s0
        /sys           u:object_r:sys_file:s0

        /dev(/.*)?       u:object_r:dev_file:s0
        /etc(/.*)?       u:object_r:etc_file:s0
        /lib(/.*)?       u:object_r:lib_file:s0

        /system(/.*)?       u:object_r:system_file:s0
        /system/usr(/.*)?       u:object_r:system_usr_file:s0
        /data(/.*)?                   u:object_r:data_file:s0

        """;

    // Like the real script: fills prebuilts/ (the markers the builder checks) and counts its runs.
    private const string PrebuiltsDownload = """
        #!/bin/sh
        set -e
        echo "prebuilts_download: fetching toolchains"
        mkdir -p prebuilts/clang/ohos/linux-x86_64/llvm/bin prebuilts/build-tools/linux-x86/bin
        echo gn > prebuilts/build-tools/linux-x86/bin/gn
        echo run >> .prebuilts-runs

        """;

    // Like the real build.sh: writes the image set and a boot image embedding the kernel config as a kernel Image does
    // (IKCFG_ST, gzip, IKCFG_ED). .fail makes it fail like ninja; .hang makes it wait (cancellation tests); .ticks makes it
    // print that many numbered lines, a fifth of a second apart (a long build's log, for connection cuts).
    private const string BuildSh = """
        #!/bin/sh
        set -e
        echo "build.sh $*"
        echo "$*" > .build-args
        echo "CCACHE_DIR=$CCACHE_DIR" > .build-env
        product=
        while [ $# -gt 0 ]; do
          if [ "$1" = "--product-name" ]; then product=$2; shift; fi
          shift
        done
        if [ -f .fail ]; then
          echo "FAILED: obj/base/startup/init/libinit.o"
          echo "ninja: build stopped: subcommand failed."
          exit 3
        fi
        while [ -f .hang ]; do sleep 1; done
        if [ -f .ticks ]; then i=1; while [ $i -le $(cat .ticks) ]; do echo "tick $i"; sleep 0.2; i=$((i + 1)); done; fi
        out=out/$product/packages/phone/images
        mkdir -p "$out"
        for image in $(cat .fixture-images); do echo "$image for $product" > "$out/$image"; done
        { printf 'kernel-image-head'; printf 'IKCFG_ST'; gzip -c kernel/linux/config/linux-5.10/arch/arm64/configs/rk3568_standard_defconfig; printf 'IKCFG_ED'; } > "$out/boot_linux.img"
        echo "build succeeded"

        """;
}
