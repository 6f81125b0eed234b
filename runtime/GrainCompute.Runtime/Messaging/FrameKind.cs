namespace GrainCompute.Runtime.Messaging;

internal enum FrameKind : byte
{
    Handshake = 1,
    HandshakeAccepted = 2,
    Request = 3,
    Response = 4,
}
