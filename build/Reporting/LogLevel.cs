namespace EdgeBuild.Reporting;

/// <summary>Log levels, ordered by importance.</summary>
public enum LogLevel { Debug, Information, Warning, Error }
