namespace EdgeBuild.KubeEdge;

/// <summary>What the device's edgecore.yaml says: where cloudcore is, who this node is, and where its data lives.</summary>
public sealed record EdgecoreSettings
{
    /// <summary>cloudcore's host name or IP (websocket on :10000, https on :10002).</summary>
    public required string CloudcoreAddress { get; init; }
    /// <summary>`keadm gettoken` output; null writes no token (the device start script then refuses to start edgecore).</summary>
    public string? Token { get; init; }
    /// <summary>The node's name in Kubernetes; null keeps edgecore's default (the host name).</summary>
    public string? NodeName { get; init; }
    /// <summary>Network interface whose address edgecore reports (wlan0 on the DAYU200).</summary>
    public string InterfaceName { get; init; } = "wlan0";
    /// <summary>Device path under which Docker and edged keep their data (/mnt/f2fs).</summary>
    public required string DataRoot { get; init; }
    /// <summary>Pause image; null uses the release's default.</summary>
    public string? PauseImage { get; init; }
    /// <summary>cgroup driver: OpenHarmony has no systemd, so cgroupfs.</summary>
    public string CgroupDriver { get; init; } = "cgroupfs";
}
