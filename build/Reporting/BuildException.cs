namespace EdgeBuild.Reporting;

/// <summary>A failure with a message meant for the user (no stack trace printed); services throw it, the engine reports it.</summary>
public class BuildException(string message, Exception? inner = null) : Exception(message, inner);
